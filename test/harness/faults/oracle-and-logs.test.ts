import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSnapshot } from '../../../engines/shared/snapshot-codec.js';
import { InputLogReader, InputLogWriter } from '../../../harness/faults/input-log.js';
import { classifyOutputs } from '../../../harness/faults/oracle.js';
import { FileOutputSink, readOutputLog } from '../../../harness/faults/output-log.js';

const clock = { now: () => 1000 };

describe('the output oracle', () => {
  it('classifies correct, duplicate, wrong and missing outputs by id', () => {
    const reference = new Map([
      ['a', encodeSnapshot({ x: 1 })],
      ['b', encodeSnapshot({ x: 2 })],
      ['c', encodeSnapshot({ x: Number.NaN })],
      ['d', encodeSnapshot({ x: 4 })],
    ]);
    const counts = classifyOutputs(reference, [
      { id: 'a', value: { x: 1 } },
      { id: 'a', value: { x: 1 } },
      { id: 'b', value: { x: 3 } },
      { id: 'c', value: { x: Number.NaN } },
    ]);
    expect(counts).toMatchObject({ correct: 2, duplicate: 1, wrong: 1, missing: 1, wrongIds: ['b'] });
  });
});

describe('the input log', () => {
  it('tails what the driver appended, and a restarted reader seeks to a stored position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'input-log-'));
    const writer = new InputLogWriter(join(dir, 'input.log'));
    const reader = new InputLogReader<{ n: number }>(join(dir, 'input.log'));
    const got: number[] = [];
    const emit = (v: { n: number }) => got.push(v.n);
    expect(reader.poll(0, 10, emit).kind).toBe('idle'); // nothing yet: not the end
    for (let n = 0; n < 5; n++) writer.append({ n }, n, 100 + n);
    writer.flush();
    expect(reader.poll(0, 3, emit)).toEqual({ kind: 'records', n: 3 });
    const position = reader.position();
    for (let n = 5; n < 8; n++) writer.append({ n }, n, 100 + n);
    writer.end();
    expect(reader.poll(0, 100, emit)).toEqual({ kind: 'records', n: 5 });
    expect(reader.poll(0, 100, emit).kind).toBe('end');
    const restarted = new InputLogReader<{ n: number }>(join(dir, 'input.log'));
    restarted.seek(position);
    const again: number[] = [];
    restarted.poll(0, 100, (v, ts, createdAt) => again.push(v.n * 1000 + createdAt - 100 - ts));
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(again).toEqual([3000, 4000, 5000, 6000, 7000]);
  });
});

describe('the output log', () => {
  it('makes a transaction visible whole, once, and drops a torn plain line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'output-log-'));
    const sink = new FileOutputSink(dir, clock);
    const records = [
      { id: 'p1', value: { v: 1 }, ts: 1, createdAt: 2, ingestedAt: 3 },
      { id: 'p2', value: { v: Number.NaN }, ts: 4, createdAt: Number.NaN, ingestedAt: 6 },
    ];
    sink.commitTransaction({ task: 'sink[0]', id: 7 }, records);
    sink.commitTransaction({ task: 'sink[0]', id: 7 }, records);
    expect(sink.recommitsIgnored).toBe(1);
    sink.write('p3', { v: 3 }, 7, 8, 9);
    sink.close();
    writeFileSync(join(dir, 'plain.jsonl'), '["p4",1000,1,2', { flag: 'a' });
    const out = readOutputLog(dir);
    expect(out.map((o) => o.id).sort()).toEqual(['p1', 'p2', 'p3']);
    const p2 = out.find((o) => o.id === 'p2')!;
    expect(Number.isNaN((p2.value as { v: number }).v) && Number.isNaN(p2.createdAt)).toBe(true);
    expect(p2.via).toBe('txn~sink[0]~7.jsonl');
  });
});

/** Several recordings merged by event time, and a recording cut to its first events (`--events N`). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../datasets/events.js';
import { openMarketFile } from '../../datasets/file-input.js';
import { RejectLog, type ReplayableInput, type Timestamped } from '../../datasets/input.js';
import { MergeInput } from '../../datasets/merge-input.js';
import { TakeInput } from '../../datasets/take-input.js';

function drain(input: ReplayableInput<MarketEvent>): Timestamped<MarketEvent>[] {
  const out: Timestamped<MarketEvent>[] = [];
  for (let next = input.next(); next !== null; next = input.next()) out.push(next);
  return out;
}

function tempFile(name: string, lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'flinkcoin-merge-')), name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const trade = (product: string, id: number, second: number) =>
  `{"type":"match","trade_id":${id},"side":"buy","size":"1","price":"10","product_id":"${product}","time":"2024-01-01T00:00:${String(second).padStart(2, '0')}Z"}`;
const kline = (minute: number) => {
  const open = Date.UTC(2024, 0, 1, 0, minute);
  return `${open},10,11,9,10.5,3,${open + 59_999},31.5,7,1,10.5,0`;
};

describe('datasets: MergeInput', () => {
  const a = tempFile('a.jsonl', [trade('A-USD', 1, 1), trade('A-USD', 2, 4), 'oops', trade('A-USD', 3, 9)]);
  const b = tempFile('b.jsonl', [trade('B-USD', 1, 2), trade('B-USD', 2, 4), trade('B-USD', 3, 5)]);
  const c = tempFile('C-1m.csv', [kline(0), kline(1)]);

  function merged(): MergeInput {
    const rejects = new RejectLog();
    const files = [a, b, c].map((file) => openMarketFile(file, { rejects, outOfOrderToleranceMs: 500 }));
    return new MergeInput(files, rejects);
  }

  it('interleaves the files by event time, ties to the file listed first, formats mixed', () => {
    const events = drain(merged()).map(
      ({ value, ts }) => `${value.product}@${(ts - Date.UTC(2024, 0, 1)) / 1000}`,
    );
    expect(events).toEqual(['C@0', 'A-USD@1', 'B-USD@2', 'A-USD@4', 'B-USD@4', 'B-USD@5', 'A-USD@9', 'C@60']);
  });

  it("collects every file's rejects in one log, and counts them again after a rewind", () => {
    const input = merged();
    const first = drain(input);
    expect(input.rejects.count).toBe(1);
    expect(input.rejects.samples[0]).toMatchObject({ file: a, line: 3, kind: 'malformed' });
    input.seek(3);
    expect(input.next()).toEqual(first[3]);
    input.seek(0);
    expect(drain(input)).toEqual(first);
    expect(input.rejects.count).toBe(1);
  });

  it('describes every file and takes the coarsest candle interval', () => {
    const description = merged().describe();
    expect(description.format).toBe('merged');
    expect((description.files as { format: string }[]).map((f) => f.format)).toEqual([
      'coinbase-exchange',
      'coinbase-exchange',
      'binance-klines',
    ]);
    expect(description.candleIntervalMs).toBe(60_000);
  });
});

describe('datasets: TakeInput', () => {
  it('replays only the first N events, and rewinds within them', () => {
    const file = tempFile(
      'a.jsonl',
      [1, 2, 3, 4, 5].map((id) => trade('A-USD', id, id)),
    );
    const input = new TakeInput(openMarketFile(file), 3);
    const events = drain(input);
    expect(events.map(({ value }) => (value.kind === 'trade' ? value.tradeId : 0))).toEqual([1, 2, 3]);
    input.seek(1);
    expect(drain(input)).toEqual(events.slice(1));
    expect(input.describe()).toMatchObject({ format: 'coinbase-exchange', maxEvents: 3 });
  });
});

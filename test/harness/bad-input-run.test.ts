/**
 * Bad input in a recording does not stop a run: each bad line (malformed, non-numeric price, a repeated
 * trade) is counted and set aside with its file, line and field, the run finishes, and the count is in
 * the results JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatorLines } from '../../datasets/generator/index.js';
import { Results } from '../../harness/results/schema.js';

const BIN = new URL('../../bin/flinkcoin.js', import.meta.url).pathname;

describe('flinkcoin bench --data with malformed lines', () => {
  it('finishes, and the results count each bad line with its line number and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-bad-'));
    // No generated duplicates: the test places its own.
    const lines = [...generatorLines({ seed: 3, messages: 20_000, duplicateFraction: 0 })];
    lines[99] = '{"type":"match","product_id":"BTC-USD", oops'; // bad JSON, line 100
    lines[199] = lines[199].replace(/"time":"[^"]*"/, '"time":"yesterday"'); // bad time, line 200
    const match = lines.findIndex((l, i) => i > 300 && l.startsWith('{"type":"match"'));
    lines[match] = lines[match].replace(/"price":"[^"]*"/, '"price":"abc"'); // non-numeric price
    lines.push(lines.find((l) => l.startsWith('{"type":"match"'))!); // a repeated trade, line 20,001
    const file = join(dir, 'feed.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'bench',
        '--data',
        file,
        '--unpaced',
        '--warmup',
        '0',
        '--engines',
        'flink',
        '--models',
        'persistence',
      ],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env }, cwd: dir },
    );
    expect(r.status, r.stderr).toBe(0);
    const runDir = readdirSync(join(dir, 'results'))[0];
    const results = Results.parse(
      JSON.parse(readFileSync(join(dir, 'results', runDir, 'results.json'), 'utf8')),
    );
    const run = results.runs[0];
    if (run.state !== 'completed') throw new Error(run.error.message);
    const { input } = run.deterministic;
    expect(input.rejected).toBe(4);
    expect(input.rejectedSamples.map((s) => s.line)).toEqual([100, 200, match + 1, 20_001]);
    expect(input.rejectedSamples.every((s) => s.file === file)).toBe(true);
    expect(input.rejectedSamples[1].field).toBe('time');
    expect(input.rejectedSamples[2].field).toBe('price');
    expect(input.rejectedSamples[3].field).toBe('tradeId');
    expect(run.deterministic.outputs.predictions.count).toBeGreaterThan(0);
  });
});

/**
 * The data paths through the CLI on the repository's fixtures: several files of different formats
 * merged, `datasets`, and the one clear error for a file in no known format. (The shared recordings run
 * end to end in shared-data-bench.test.ts.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchOn, flinkcoin } from '../helpers/cli.js';

const FORMATS = new URL('../../datasets/formats/', import.meta.url).pathname;

describe('CLI data commands on the repository fixtures', () => {
  it('merges several files of different formats by event time', async () => {
    const files = ['binance/fixtures/input.jsonl', 'coinbase-advanced/fixtures/input.jsonl'].map(
      (f) => FORMATS + f,
    );
    const results = await benchOn(files, 100);
    expect(results.dataset).toMatchObject({
      format: 'merged',
      files: [{ format: 'binance' }, { format: 'coinbase-advanced' }],
    });
    for (const run of results.runs) {
      if (run.state !== 'completed') throw new Error(run.error.message);
      expect(run.deterministic.input.rejected).toBe(14);
      expect(run.deterministic.input.events).toBe(19);
    }
  });

  it('lists the generator profiles and each file with format, counts and time range', async () => {
    const r = await flinkcoin(['datasets', '--dir', `${FORMATS}csv/fixtures`], tmpdir());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('generator (--profile default)');
    expect(r.stdout).toContain('ETH-USD-5m.csv  [ohlcv-csv]');
    expect(r.stdout).toContain('events 5: candle 5; products ETH-USD');
    expect(r.stdout).toContain('event time 2024-01-01T00:00:00Z … 2024-01-01T00:45:00Z; candles of 300 s');
    expect(r.stdout).toMatch(/bad input: sequence-gap 2, bad-price 1, malformed 2/);
    // A file in no known format is named as such, and the listing goes on.
    expect(r.stdout).toContain('ETH-USD-5m.expected.json  [not readable]');
  });

  it('stops with one clear error (exit 2) for a file in no known format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-data-cli-'));
    const notes = join(dir, 'notes.jsonl');
    writeFileSync(notes, '{"hello":"world"}\n');
    const r = await flinkcoin(['bench', '--data', notes, '--engines', 'flink', '--quiet'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `flinkcoin: ${notes}: not in any known format (coinbase-exchange, coinbase-advanced, binance, binance-klines, ohlcv-csv): it starts "{\\"hello\\":\\"world\\"}"; force one with --format`,
    );
  });
});

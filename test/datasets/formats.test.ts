/**
 * Every format's parser on its golden fixture (datasets/formats/<format>/fixtures: tiny files written for
 * these tests, each with good lines and one of every kind of bad input the format can have), detection
 * from content, forcing a format, and the one error for a file in no known format.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../datasets/events.js';
import { openMarketFile } from '../../datasets/file-input.js';
import type { ReplayableInput } from '../../datasets/input.js';
import { DatasetFormatError } from '../../harness/errors.js';

const FORMATS = new URL('../../datasets/formats/', import.meta.url).pathname;
const GOLDEN = [
  ['coinbase-advanced', 'coinbase-advanced/fixtures/input.jsonl', 'coinbase-advanced/fixtures/expected.json'],
  ['binance', 'binance/fixtures/input.jsonl', 'binance/fixtures/expected.json'],
  [
    'binance-klines',
    'csv/fixtures/BTCUSDT-1m-2024-01-01.csv',
    'csv/fixtures/BTCUSDT-1m-2024-01-01.expected.json',
  ],
  ['ohlcv-csv', 'csv/fixtures/ETH-USD-5m.csv', 'csv/fixtures/ETH-USD-5m.expected.json'],
] as const;

function drain(input: ReplayableInput<MarketEvent>): MarketEvent[] {
  const out: MarketEvent[] = [];
  for (let next = input.next(); next !== null; next = input.next()) out.push(next.value);
  return out;
}

function tempFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'flinkcoin-formats-')), name);
  writeFileSync(path, content);
  return path;
}

describe('datasets/formats: golden fixtures', () => {
  it.each(GOLDEN)('%s: detected, parsed and bad lines set aside as expected', (format, input, expected) => {
    const golden = JSON.parse(readFileSync(join(FORMATS, expected), 'utf8'));
    const file = openMarketFile(join(FORMATS, input), { outOfOrderToleranceMs: 500 });
    expect(file.describe().format).toBe(format);
    expect(drain(file)).toEqual(golden.events);
    expect(file.rejects.samples.map(({ file: _, ...rest }) => rest)).toEqual(golden.rejects);
    expect(file.rejects.count).toBe(golden.rejects.length);
    expect(golden.events.length).toBeGreaterThan(3);
    expect(new Set(golden.rejects.map((r: { kind: string }) => r.kind)).size).toBeGreaterThan(2);
  });

  it.each(GOLDEN)('%s: a gzip copy (any name) reads the same', (_format, input) => {
    const text = readFileSync(join(FORMATS, input));
    const events = drain(openMarketFile(join(FORMATS, input)));
    expect(drain(openMarketFile(tempFile(input.split('/').pop()!, gzipSync(text))))).toEqual(events);
  });

  it.each(GOLDEN)('%s: seek back replays identically, rejects included', (_format, input) => {
    const file = openMarketFile(join(FORMATS, input), { outOfOrderToleranceMs: 500 });
    const events = drain(file);
    const rejects = [...file.rejects.samples];
    file.seek(2);
    expect(file.next()?.value).toEqual(events[2]);
    file.seek(0);
    expect(drain(file)).toEqual(events);
    expect(file.rejects.samples).toEqual(rejects);
  });
});

describe('datasets/formats: detection', () => {
  it('names the file and the formats when none fits, and says how to force one', () => {
    const path = tempFile('notes.txt', 'hello\nworld\n');
    expect(() => openMarketFile(path)).toThrow(DatasetFormatError);
    expect(() => openMarketFile(path)).toThrow(
      new RegExp(`${path}: not in any known format \\(coinbase-exchange, .*ohlcv-csv\\).*--format`),
    );
    const empty = tempFile('empty.jsonl', '');
    expect(() => openMarketFile(empty)).toThrow(/the file is empty/);
  });

  it('reads a file as a forced format, setting aside what that format cannot read', () => {
    const path = join(FORMATS, 'binance/fixtures/input.jsonl');
    const forced = openMarketFile(path, { format: 'coinbase-exchange' });
    expect(forced.describe().format).toBe('coinbase-exchange');
    expect(drain(forced)).toEqual([]);
    expect(forced.rejects.byKind.malformed).toBeGreaterThan(10);
  });

  it('passes over lines that decide nothing before the first decisive one', () => {
    const lines = ['', '{"type":"error","message":"x"}', '{"stream":"btcusdt@trade","data":{"e":"trade"}}'];
    expect(openMarketFile(tempFile('x.jsonl', lines.join('\n'))).describe().format).toBe('binance');
  });
});

describe('datasets: checks across lines in a recording', () => {
  const trade = (id: number, time: string) =>
    `{"type":"match","trade_id":${id},"side":"buy","size":"1","price":"10","product_id":"X-Y","time":"2024-01-01T00:00:${time}Z"}`;
  const lines = [trade(1, '01'), trade(2, '02'), trade(2, '02'), trade(3, '00.2'), trade(4, '01.8')];

  it('sets aside a repeated trade and one far behind its stream; keeps disorder within the tolerance', () => {
    const file = openMarketFile(tempFile('feed.jsonl', lines.join('\n')), { outOfOrderToleranceMs: 500 });
    expect(drain(file).map((e) => (e.kind === 'trade' ? e.tradeId : -1))).toEqual([1, 2, 4]);
    expect(file.rejects.samples.map(({ line, kind, field }) => ({ line, kind, field }))).toEqual([
      { line: 3, kind: 'duplicate', field: 'tradeId' },
      { line: 4, kind: 'out-of-order', field: 'time' },
    ]);
  });

  it('keeps everything when no tolerance is given (the generator: disorder is deliberate there)', () => {
    const file = openMarketFile(tempFile('feed.jsonl', lines.join('\n')));
    expect(drain(file)).toHaveLength(5);
    expect(file.rejects.count).toBe(0);
  });
});

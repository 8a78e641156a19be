/**
 * Every recording under ../shared/datasets read end to end, its message counts per type checked against
 * the folder's README, and the events and bad input the harness makes of it. Skipped, saying why, where
 * that folder is absent (a fresh clone elsewhere); a file there without an entry below fails the test.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMarketFile } from '../../datasets/file-input.js';
import { FileLines } from '../../datasets/file-lines.js';
import { probeInput } from '../../datasets/probe.js';

const SHARED = new URL('../../../shared/datasets/', import.meta.url).pathname;
const present = existsSync(SHARED);

/** Per file: its format, message counts per type (README), events per kind and rejects per kind. */
const EXPECTED: Record<
  string,
  {
    format: string;
    messages: Record<string, number>;
    events: Record<string, number>;
    rejects: Record<string, number>;
  }
> = {
  'coinbase-exchange/feed-2021-04-17.jsonl': {
    format: 'coinbase-exchange',
    // README: 9,946 lines of subscriptions, snapshot, l2update, ticker, match, last_match.
    messages: { subscriptions: 3, snapshot: 10, l2update: 9_719, ticker: 107, match: 97, last_match: 10 },
    events: { snapshot: 10, book: 9_719, ticker: 107, trade: 107 },
    rejects: {},
  },
  'binance-spot/btcusdt-2024-08-08.jsonl.gz': {
    format: 'binance',
    // README: 9,757 trade, 28,040 bookTicker, 3,451 depthUpdate; the file also holds the REST depth
    // snapshot its recorder fetched after subscribing.
    messages: { trade: 9_757, bookTicker: 28_040, depthUpdate: 3_451, restDepthSnapshot: 1 },
    // The updates held before the snapshot that come after its lastUpdateId are laid over it again (1).
    events: { trade: 9_757, ticker: 28_040, book: 3_452, snapshot: 1 },
    rejects: {},
  },
  'binance-klines/BTC_USDT-1m.csv': {
    format: 'ohlcv-csv',
    // README: 66,087 one-minute candles after the header, one real 81-minute gap.
    messages: { header: 1, candle: 66_087 },
    events: { candle: 66_087 },
    rejects: { 'sequence-gap': 1 },
  },
};

/** The message type of one raw line, by each format's own envelope. */
function messageType(line: string, format: string): string {
  if (format === 'ohlcv-csv') return /^\d/.test(line) ? 'candle' : 'header';
  const message = JSON.parse(line);
  if (format === 'coinbase-exchange') return message.type;
  if (message.lastUpdateId !== undefined) return 'restDepthSnapshot';
  return message.data.e ?? (message.stream.endsWith('@bookTicker') ? 'bookTicker' : 'unknown');
}

function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dataFiles(path);
    return name.endsWith('.md') ? [] : [relative(SHARED, path)];
  });
}

describe.skipIf(!present)(`shared recordings (${SHARED})`, () => {
  it('has an expectation for every data file in the folder', () => {
    expect(dataFiles(SHARED).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s: message counts per type match the README', (name, expected) => {
    const counts: Record<string, number> = {};
    const lines = new FileLines(join(SHARED, name));
    for (let line = lines.next(); line !== null; line = lines.next()) {
      const type = messageType(line, expected.format);
      counts[type] = (counts[type] ?? 0) + 1;
    }
    expect(counts).toEqual(expected.messages);
  });

  it.each(Object.entries(EXPECTED))('%s: detected, and every message becomes events', (name, expected) => {
    const input = openMarketFile(join(SHARED, name), { outOfOrderToleranceMs: 500 });
    expect(input.describe().format).toBe(expected.format);
    const probe = probeInput(input);
    expect(probe.kinds).toEqual(expected.events);
    expect(probe.rejectedByKind).toEqual(expected.rejects);
  });

  it('reports the klines gap (the 2023-03-24 outage) without inventing candles for it', () => {
    const input = openMarketFile(join(SHARED, 'binance-klines/BTC_USDT-1m.csv'));
    const events = probeInput(input);
    expect(input.rejects.samples).toEqual([
      expect.objectContaining({
        kind: 'sequence-gap',
        reason: '80 candle(s) missing between 2023-03-24T12:39:00.000Z and 2023-03-24T14:00:00.000Z',
      }),
    ]);
    const [first, last] = events.timeRange!;
    expect((last - first) / 60_000 + 1 - events.events).toBe(80);
  });
});

describe.skipIf(present)('shared recordings', () => {
  it.skip(`skipped: ${SHARED} is absent (the recordings live beside the repository, not in it)`, () => {});
});

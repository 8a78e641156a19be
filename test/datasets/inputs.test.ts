import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../datasets/events.js';
import { openMarketFile } from '../../datasets/file-input.js';
import { generatorLines } from '../../datasets/generator/index.js';
import { GeneratorInput } from '../../datasets/generator/input.js';
import type { ReplayableInput, Timestamped } from '../../datasets/input.js';

const REAL_FEED = '/work/shared/datasets/coinbase-exchange/feed-2021-04-17.jsonl';

function drain(
  input: ReplayableInput<MarketEvent>,
  limit = Number.POSITIVE_INFINITY,
): Timestamped<MarketEvent>[] {
  const out: Timestamped<MarketEvent>[] = [];
  for (let next = input.next(); next !== null && out.length < limit; next = input.next()) out.push(next);
  return out;
}

function tempFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'flinkcoin-datasets-')), name);
  writeFileSync(path, content);
  return path;
}

const TIMED = '"time":"2024-01-01T00:00:01.000000Z"';
const BAD_FEED = [
  '{"type":"subscriptions","channels":[]}',
  '{"type":"snapshot","product_id":"BTC-USD","bids":[["99.00","1"]],"asks":[["101.00","1"]]}',
  `{"type":"l2update","product_id":"BTC-USD","changes":[["buy","oops","1"]],${TIMED}}`,
  `{"type":"l2update","product_id":"BTC-USD","changes":[["buy","99.50","1"]],${TIMED}}`,
  '{"type":"match",',
  '',
  `{"type":"match","trade_id":1,"side":"sell","size":"0.5","price":"100.00","product_id":"BTC-USD",${TIMED}}`,
  '{"type":"snapshot","product_id":"ETH-USD","bids":[["9.00","1"]],"asks":[["11.00","1"]]}',
  `{"type":"ticker","sequence":3,"product_id":"BTC-USD","price":"100.00","best_bid":"99.50","best_ask":"101.00"}`,
].join('\n');

describe('datasets/generator: GeneratorInput', () => {
  const params = { seed: 5, messages: 20_000 };
  const fresh = drain(new GeneratorInput(params));

  it('parses every generated line, dating the leading snapshots by the first timed event', () => {
    const input = new GeneratorInput(params);
    expect(drain(input).length).toBe(fresh.length);
    expect(input.rejects.count).toBe(0);
    expect(fresh.slice(0, 3).map((event) => event.value.kind)).toEqual(['snapshot', 'snapshot', 'snapshot']);
    expect(fresh.slice(0, 3).map((event) => event.ts)).toEqual([fresh[3].ts, fresh[3].ts, fresh[3].ts]);
    expect(fresh.every((event) => event.ts === event.value.time && Number.isFinite(event.ts))).toBe(true);
  });

  it.each([0, 1, 3, 4, 777, 19_000])('seek(%i) then next() gives that event of a fresh run', (position) => {
    const input = new GeneratorInput(params);
    drain(input, 12_345);
    input.seek(position);
    expect(input.position()).toBe(position);
    expect(input.next()).toEqual(fresh[position]);
    expect(input.position()).toBe(position + 1);
  });

  it('describes itself with its format, parameters and seed', () => {
    const description = new GeneratorInput(params).describe();
    expect(description).toMatchObject({ seed: 5, generator: { seed: 5, messages: 20_000, bookDepth: 10 } });
    expect(String(description.format)).toContain('coinbase');
  });
});

describe('datasets: a recorded Coinbase Exchange file', () => {
  it('rejects malformed lines with file, line and field, and goes on', () => {
    const path = tempFile('bad.jsonl', BAD_FEED);
    const input = openMarketFile(path);
    const events = drain(input);
    expect(events.map((event) => event.value.kind)).toEqual(['snapshot', 'book', 'trade', 'snapshot']);
    expect(events.map((event) => event.ts)).toEqual(new Array(4).fill(Date.UTC(2024, 0, 1, 0, 0, 1)));
    expect(input.rejects.count).toBe(3);
    expect(input.rejects.samples).toEqual([
      {
        file: path,
        line: 3,
        field: 'changes[0][1]',
        reason: 'not a decimal number: "oops"',
        kind: 'bad-price',
      },
      { file: path, line: 5, field: '(json)', reason: 'not valid JSON', kind: 'malformed' },
      { file: path, line: 9, field: 'time', reason: 'missing', kind: 'malformed' },
    ]);
    input.seek(0);
    expect(input.rejects.count).toBe(0);
    expect(drain(input)).toEqual(events);
  });

  it('rejects snapshots that no timed event ever dates', () => {
    const input = openMarketFile(tempFile('only-snapshot.jsonl', BAD_FEED.split('\n')[1]));
    expect(drain(input)).toEqual([]);
    expect(input.rejects.samples).toEqual([expect.objectContaining({ line: 1, field: 'time' })]);
  });

  it('reads plain and gzip files across chunk boundaries exactly as the generator input gives them', () => {
    const params = { seed: 9, messages: 30_000 };
    const text = `${[...generatorLines(params)].join('\n')}\n`;
    const compressed = gzipSync(text);
    expect(compressed.length).toBeGreaterThan(3 * 256 * 1024);
    const expected = drain(new GeneratorInput(params));
    const plain = openMarketFile(tempFile('feed.jsonl', text));
    const gzipped = openMarketFile(tempFile('feed.jsonl.gz', compressed));
    expect(drain(plain)).toEqual(expected);
    expect(drain(gzipped)).toEqual(expected);
    expect(gzipped.rejects.count).toBe(0);
    gzipped.seek(4_321);
    expect(gzipped.next()).toEqual(expected[4_321]);
  });

  it.skipIf(!existsSync(REAL_FEED))(`replays the recorded Coinbase feed (${REAL_FEED})`, () => {
    const input = openMarketFile(REAL_FEED, { outOfOrderToleranceMs: 500 });
    const events = drain(input);
    expect(input.rejects.count).toBe(0);
    const counts: Record<string, number> = {};
    for (const { value } of events) counts[value.kind] = (counts[value.kind] ?? 0) + 1;
    // 9,946 lines: 3 subscriptions, 10 snapshots, 9,719 l2updates, 107 tickers, 97 matches + 10 last_matches.
    expect(counts).toEqual({ snapshot: 10, book: 9_719, ticker: 107, trade: 107 });
    // On subscribe Coinbase replays each product's last ticker and trade, stamped up to minutes back; after
    // that the channels interleave with only tens of ms of disorder.
    const live = events.findIndex(({ value }) => value.kind === 'book');
    let newest = Number.NEGATIVE_INFINITY;
    let worst = 0;
    for (const { ts } of events.slice(live)) {
      worst = Math.max(worst, newest - ts);
      newest = Math.max(newest, ts);
    }
    expect(worst).toBeLessThan(50);
    expect(newest - events[live].ts).toBeGreaterThan(1_000);
  });
});

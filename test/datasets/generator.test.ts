import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCoinbaseLine } from '../../datasets/coinbase/index.js';
import type { MarketEvent } from '../../datasets/events.js';
import {
  CoinbaseFeedGenerator,
  DEFAULT_GENERATOR_PARAMS,
  type GeneratorParams,
  generatorLines,
  resolveGeneratorParams,
} from '../../datasets/generator/index.js';
import { ConfigError } from '../../harness/errors.js';
import { applyUpdate, type Book, bookFromSnapshot, midOf } from '../../workloads/crypto/book.js';

function lines(params: Partial<GeneratorParams>): string[] {
  return [...generatorLines(params)];
}

function hashOf(params: Partial<GeneratorParams>): string {
  const hash = createHash('sha256');
  for (const line of generatorLines(params)) hash.update(`${line}\n`);
  return hash.digest('hex');
}

function eventsOf(line: string): MarketEvent[] {
  const outcome = parseCoinbaseLine(line, 'generator', 0);
  if (!outcome.ok) throw outcome.error;
  return outcome.events;
}

describe('datasets/generator: determinism', () => {
  it('gives byte-identical streams for the same seed and params', () => {
    expect(hashOf({ seed: 7, messages: 50_000 })).toBe(hashOf({ seed: 7, messages: 50_000 }));
  });

  it('gives a different stream for a different seed', () => {
    expect(hashOf({ seed: 7, messages: 50_000 })).not.toBe(hashOf({ seed: 8, messages: 50_000 }));
  });

  it('is prefix-stable: a longer feed starts with the shorter one', () => {
    const short = lines({ messages: 3_000 });
    expect(lines({ messages: 6_000 }).slice(0, 3_000)).toEqual(short);
  });

  it('yields exactly `messages` lines through next() and position()', () => {
    const generator = new CoinbaseFeedGenerator({ messages: 1_234 });
    while (generator.next() !== null);
    expect(generator.position()).toBe(1_234);
    expect(generator.next()).toBeNull();
  });
});

describe('datasets/generator: disorder and duplicates', () => {
  it('keeps l2update lines in order and unrepeated, so a client applying them holds an uncrossed book', () => {
    const books = new Map<string, Book>();
    let crossed = 0;
    let updates = 0;
    for (const line of generatorLines({
      messages: 60_000,
      outOfOrderFraction: 0.05,
      duplicateFraction: 0.01,
    })) {
      for (const e of eventsOf(line)) {
        if (e.kind === 'snapshot') books.set(e.product, bookFromSnapshot(e));
        if (e.kind !== 'book') continue;
        const book = books.get(e.product);
        if (book === undefined) throw new Error(`l2update before snapshot for ${e.product}`);
        applyUpdate(book, e);
        updates++;
        if (!(midOf(book) > 0)) crossed++;
      }
    }
    expect(updates).toBeGreaterThan(30_000);
    expect(crossed).toBe(0);
  });

  it.each([
    [DEFAULT_GENERATOR_PARAMS.maxDelayMs, DEFAULT_GENERATOR_PARAMS.outOfOrderFraction],
    [25, 0.2],
    [0, 0.1],
  ])(
    'keeps every line within maxDelayMs=%d of the newest before it (outOfOrderFraction %d)',
    (maxDelayMs, outOfOrderFraction) => {
      const generator = new CoinbaseFeedGenerator({ messages: 100_000, maxDelayMs, outOfOrderFraction });
      let newest = Number.NEGATIVE_INFINITY;
      let worst = 0;
      let lateLines = 0;
      for (let line = generator.next(); line !== null; line = generator.next()) {
        const time = eventsOf(line)[0].time;
        if (Number.isNaN(time)) continue;
        if (time < newest) lateLines++;
        worst = Math.max(worst, newest - time);
        newest = Math.max(newest, time);
      }
      // Epoch-ms doubles resolve ~0.25 µs, so the parsed times agree with the generator's exact µs to 1 µs.
      expect(worst).toBeLessThanOrEqual(maxDelayMs + 1e-3);
      expect(generator.maxDisorderMs()).toBeLessThanOrEqual(maxDelayMs);
      expect(Math.abs(worst - generator.maxDisorderMs())).toBeLessThan(1e-3);
      if (maxDelayMs > 0) expect(lateLines).toBeGreaterThan(0);
    },
  );

  it('sends about duplicateFraction of the match and ticker lines twice, soon after the original', () => {
    const all = lines({ messages: 100_000, duplicateFraction: 0.01 });
    const eligible = all.filter((l) => !l.startsWith('{"type":"l2update"')).length;
    const lastIndex = new Map<string, number>();
    let duplicates = 0;
    let farthest = 0;
    all.forEach((line, index) => {
      const earlier = lastIndex.get(line);
      if (earlier !== undefined) {
        duplicates++;
        farthest = Math.max(farthest, index - earlier);
      }
      lastIndex.set(line, index);
    });
    expect(duplicates / eligible).toBeGreaterThan(0.008);
    expect(duplicates / eligible).toBeLessThan(0.012);
    expect(farthest).toBeLessThan(500);
  });
});

describe('datasets/generator: market', () => {
  it('keeps the triangle: ETH-BTC mid ≈ ETH-USD mid / BTC-USD mid', () => {
    const mids = new Map<string, number>();
    let checked = 0;
    let worst = 0;
    for (const line of generatorLines({ messages: 200_000 })) {
      const event = eventsOf(line)[0];
      if (event?.kind !== 'ticker') continue;
      mids.set(event.product, (event.bestBid + event.bestAsk) / 2);
      const [cross, eth, btc] = ['ETH-BTC', 'ETH-USD', 'BTC-USD'].map((product) => mids.get(product));
      if (event.product !== 'ETH-BTC' || eth === undefined || btc === undefined) continue;
      worst = Math.max(worst, Math.abs(cross! / (eth / btc) - 1));
      checked++;
    }
    expect(checked).toBeGreaterThan(1_000);
    expect(worst).toBeLessThan(0.01);
  });

  it('keeps every book valid: full depth, best bid below best ask, increasing ids per product', () => {
    const bookDepth = 5;
    const books = new Map<string, { bid: Map<number, number>; ask: Map<number, number> }>();
    const lastIds = new Map<string, number>();
    const params = { messages: 50_000, bookDepth, outOfOrderFraction: 0, duplicateFraction: 0 };
    for (const line of generatorLines(params)) {
      const event = eventsOf(line)[0];
      if (event?.kind === 'snapshot') {
        books.set(event.product, { bid: new Map(event.bids), ask: new Map(event.asks) });
      } else if (event?.kind === 'book') {
        const book = books.get(event.product)!;
        for (const [side, price, size] of event.changes) {
          if (size === 0) book[side].delete(price);
          else book[side].set(price, size);
        }
        expect([book.bid.size, book.ask.size]).toEqual([bookDepth, bookDepth]);
        expect(Math.max(...book.bid.keys())).toBeLessThan(Math.min(...book.ask.keys()));
      } else if (event?.kind === 'trade') {
        expect(event.tradeId).toBeGreaterThan(lastIds.get(event.product) ?? 0);
        lastIds.set(event.product, event.tradeId);
      }
    }
    expect(lastIds.size).toBe(3);
  });

  it('runs at about messagesPerSecond of event time, in the real feed mix', () => {
    const counts: Record<string, number> = {};
    let first = Number.NaN;
    let last = Number.NaN;
    for (const line of generatorLines({ messages: 200_000, messagesPerSecond: 500, duplicateFraction: 0 })) {
      const event = eventsOf(line)[0];
      counts[event.kind] = (counts[event.kind] ?? 0) + 1;
      if (Number.isNaN(event.time)) continue;
      if (Number.isNaN(first)) first = event.time;
      last = event.time;
    }
    const rate = 200_000 / ((last - first) / 1000);
    expect(rate).toBeGreaterThan(400);
    expect(rate).toBeLessThan(600);
    expect(counts.snapshot).toBe(3);
    expect(Math.abs(counts.trade - counts.ticker)).toBeLessThanOrEqual(1);
    expect(counts.book / 200_000).toBeGreaterThan(0.6);
  });
});

describe('datasets/generator: params', () => {
  it('fills defaults and treats undefined as unset', () => {
    expect(resolveGeneratorParams({ messages: undefined, seed: 3 })).toEqual({
      ...DEFAULT_GENERATOR_PARAMS,
      seed: 3,
    });
  });

  it.each<[Partial<GeneratorParams> & Record<string, unknown>, string]>([
    [{ outOfOrderFraction: 1.5 }, 'outOfOrderFraction'],
    [{ messagesPerSecond: 0 }, 'messagesPerSecond'],
    [{ products: ['BTC-USD', 'BTC-USD'] }, 'products'],
    [{ products: ['btcusd'] }, 'products'],
    [{ seed: 2 ** 40 }, 'seed'],
    [{ bookDepth: 0 }, 'bookDepth'],
    [{ maxDelay: 10 }, 'maxDelay'],
  ])('rejects %j naming the setting', (params, setting) => {
    expect(() => resolveGeneratorParams(params)).toThrow(ConfigError);
    expect(() => resolveGeneratorParams(params)).toThrow(expect.objectContaining({ setting }));
  });
});

/**
 * The workload adapts to what the data has: candles become the ticks of their own window (the window
 * follows the candle interval, no book features), trades alone give a price without a book, a ticker
 * with sizes gives the imbalance; and the results say which features were used.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { CandleEvent, MarketEvent } from '../../datasets/events.js';
import { engineEntry } from '../../engines/registry.js';
import { resolveConfig } from '../../harness/config/load.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { featuresUsed } from '../../harness/run/data-profile.js';
import { describeInput } from '../../harness/run/inputs.js';
import { bookProcess } from '../../workloads/crypto/book-process.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { buildCryptoPlan } from '../../workloads/crypto/plan.js';
import type { FeatureVector, Tick } from '../../workloads/crypto/records.js';
import { collectSink } from '../helpers/collect-sink.js';

/** Runs `bookProcess` over events of one key and returns its ticks and counters. */
function ticksOf(events: MarketEvent[]): { ticks: Tick[]; counters: Record<string, number> } {
  const store = new Map<string, unknown>();
  const counters: Record<string, number> = {};
  const ticks: Tick[] = [];
  const ctx = {
    key: 'X',
    timestamp: 0,
    state: {
      get: <T>(name: string) => store.get(name) as T | undefined,
      set: <T>(name: string, value: T) => void store.set(name, value),
      delete: (name: string) => void store.delete(name),
      names: () => [...store.keys()],
    },
    timers: { registerEventTimeTimer() {}, deleteEventTimeTimer() {}, currentWatermark: () => 0 },
    counters: {
      inc(name: string, by = 1) {
        counters[name] = (counters[name] ?? 0) + by;
      },
    },
  };
  for (const e of events) bookProcess.processElement(e, ctx as never, { collect: (t) => ticks.push(t) });
  return { ticks, counters };
}

const T0 = Date.UTC(2024, 0, 1);
const candle = (i: number, open: number, close: number): CandleEvent => ({
  kind: 'candle',
  product: 'X',
  time: T0 + i * 60_000,
  intervalMs: 60_000,
  open,
  high: Math.max(open, close) + 2,
  low: Math.min(open, close) - 1,
  close,
  volume: 10 + i,
});

describe('workloads/crypto: book stage on data without a book', () => {
  it('turns a candle into its O→L→H→C path (rising) with the volume on the close at the typical price', () => {
    const { ticks } = ticksOf([candle(0, 100, 104)]);
    expect(ticks.map((t) => t.mid)).toEqual([100, 99, 106, 104]);
    expect(ticks.every((t) => t.time === T0 && t.imbalance === 0)).toBe(true);
    expect(ticks.map((t) => t.tradeSize)).toEqual([0, 0, 0, 10]);
    expect(ticks[3].tradePrice).toBeCloseTo((106 + 99 + 104) / 3, 12);
    expect(ticksOf([candle(0, 104, 100)]).ticks.map((t) => t.mid)).toEqual([104, 106, 99, 100]);
  });

  it('prices trades alone at the trade price, with no imbalance', () => {
    const trade = (tradeId: number, price: number): MarketEvent => ({
      kind: 'trade',
      product: 'X',
      time: T0 + tradeId,
      tradeId,
      price,
      size: 2,
      side: 'buy',
    });
    const { ticks, counters } = ticksOf([trade(1, 50), trade(2, 51)]);
    expect(ticks.map((t) => [t.mid, t.imbalance, t.tradePrice, t.tradeSize])).toEqual([
      [50, 0, 50, 2],
      [51, 0, 51, 2],
    ]);
    expect(counters['book.noMid']).toBeUndefined();
  });

  it('takes mid and imbalance from a ticker with sizes, and keeps that mid for the trades after it', () => {
    const ticker: MarketEvent = {
      kind: 'ticker',
      product: 'X',
      time: T0,
      sequence: 1,
      bestBid: 99,
      bestAsk: 101,
      bidSize: 3,
      askSize: 1,
    };
    const trade: MarketEvent = {
      kind: 'trade',
      product: 'X',
      time: T0 + 1,
      tradeId: 1,
      price: 101,
      size: 1,
      side: 'buy',
    };
    const { ticks } = ticksOf([ticker, trade]);
    expect(ticks.map((t) => [t.mid, t.imbalance, t.tradePrice])).toEqual([
      [100, 0.5, 0],
      [100, 0.5, 101],
    ]);
  });
});

describe('workloads/crypto: a plan over candles', () => {
  it('makes one feature vector per candle window: close-to-close returns, range volatility, no imbalance', async () => {
    const closes = [100, 101, 99, 102, 103, 101, 104, 105];
    const events = closes.map((close, i) => {
      const c = candle(i, i === 0 ? 100 : closes[i - 1], close);
      return { value: c as MarketEvent, ts: c.time };
    });
    const cfg = CryptoConfig.parse({ windowMs: 60_000 });
    const features = collectSink();
    await engineEntry('flink').engine.run({
      plan: buildCryptoPlan(cfg, 'persistence', 1),
      sources: { market: [new OpenLoopSource(new ArrayInput(events), { mode: 'unpaced' }, 0)] },
      sinks: { features, predictions: collectSink(), scored: collectSink() },
      clock: systemClock,
      config: {},
    });
    const vectors = features.out.map((o) => o.value as FeatureVector).sort((a, b) => a.start - b.start);
    expect(vectors.map((v) => v.start)).toEqual(closes.map((_, i) => T0 + i * 60_000));
    expect(vectors.map((v) => v.mid)).toEqual(closes);
    for (let i = 1; i < closes.length; i++)
      expect(vectors[i].logReturn).toBeCloseTo(Math.log(closes[i] / closes[i - 1]), 12);
    expect(vectors.every((v) => v.x[1] > 0 && v.x[2] === 0)).toBe(true);
  });
});

describe('harness: features used and the window, from the data', () => {
  it('names the features each kind of data allows, and why the others are absent', () => {
    expect(featuresUsed({ kinds: { candle: 9 }, tickerSizes: false })).toEqual({
      used: ['logReturn', 'realizedVol', 'log1pVolume', 'vwapGap'],
      absent: { imbalance: 'candles carry no order book', log1pTrades: 'candles carry no trade count' },
    });
    expect(featuresUsed({ kinds: { trade: 9 }, tickerSizes: false }).absent).toEqual({
      imbalance: 'no order book snapshot and no ticker with bid/ask sizes',
    });
    expect(featuresUsed({ kinds: { trade: 9, ticker: 3 }, tickerSizes: true }).absent).toEqual({});
    expect(featuresUsed({ kinds: { snapshot: 1, book: 9 }, tickerSizes: false }).used).toEqual([
      'logReturn',
      'realizedVol',
      'imbalance',
    ]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-adapt-'));
  const klines = join(dir, 'BTCUSDT-5m.csv');
  const rows = [0, 1, 2].map((i) => {
    const open = T0 + i * 300_000;
    return `${open},10,11,9,10.5,3,${open + 299_999},31.5,7,1,10.5,0`;
  });
  writeFileSync(klines, `${rows.join('\n')}\n`);

  it('sets the window to the candle interval unless the config sets it, and says so in the results', () => {
    const data = { source: 'file', file: klines };
    expect(resolveConfig({ data }, 'test').workloadConfig.windowMs).toBe(300_000);
    expect(
      resolveConfig({ data, workloadConfig: { windowMs: 600_000 } }, 'test').workloadConfig.windowMs,
    ).toBe(600_000);
    expect(resolveConfig({}, 'test').workloadConfig.windowMs).toBe(1000);
    const described = describeInput(resolveConfig({ data }, 'test'));
    expect(described).toMatchObject({ format: 'binance-klines', candleIntervalMs: 300_000 });
    expect((described.features as { used: string[] }).used).not.toContain('imbalance');
  });

  it('stops at config time with the typed error naming a file in no known format', () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not market data\n');
    expect(() => resolveConfig({ data: { source: 'file', file: notes } }, 'test')).toThrow(
      `${notes}: not in any known format`,
    );
  });
});

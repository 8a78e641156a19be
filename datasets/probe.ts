/**
 * What an input holds, found by reading it: events per kind, products, event-time range, whether its
 * tickers carry book sizes, and its candle interval. The harness reads a file's head this way to adapt the
 * workload before a run (a few thousand events, milliseconds), and `flinkcoin datasets` reads whole files.
 */
import type { MarketEvent } from './events.js';
import type { ReplayableInput } from './input.js';
import type { RejectKind } from './reject-kinds.js';

export interface Probe {
  readonly events: number;
  readonly kinds: Partial<Record<MarketEvent['kind'], number>>;
  readonly products: string[];
  /** Event-time range [first, last] in epoch ms; null when no event was read. */
  readonly timeRange: readonly [number, number] | null;
  /** True when every ticker read carried bid and ask sizes (Binance bookTicker, Coinbase Advanced). */
  readonly tickerSizes: boolean;
  /** The largest candle interval read, null without candles. */
  readonly candleIntervalMs: number | null;
  readonly rejected: number;
  readonly rejectedByKind: Partial<Record<RejectKind, number>>;
  /** True when the input ended within the events read. */
  readonly complete: boolean;
}

/** Reads up to `maxEvents` events of `input` from where it stands (a fresh input: from the start). */
export function probeInput(input: ReplayableInput<MarketEvent>, maxEvents = Number.POSITIVE_INFINITY): Probe {
  const kinds: Partial<Record<MarketEvent['kind'], number>> = {};
  const products = new Set<string>();
  let events = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let tickers = 0;
  let sized = 0;
  let candleIntervalMs: number | null = null;
  let next = events < maxEvents ? input.next() : null;
  while (next !== null) {
    const e = next.value;
    events++;
    kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    products.add(e.product);
    if (next.ts < first) first = next.ts;
    if (next.ts > last) last = next.ts;
    if (e.kind === 'ticker') {
      tickers++;
      if (e.bidSize !== undefined && e.askSize !== undefined) sized++;
    } else if (e.kind === 'candle' && (candleIntervalMs === null || e.intervalMs > candleIntervalMs)) {
      candleIntervalMs = e.intervalMs;
    }
    next = events < maxEvents ? input.next() : null;
  }
  return {
    events,
    kinds,
    products: [...products].sort(),
    timeRange: events > 0 ? [first, last] : null,
    tickerSizes: tickers > 0 && sized === tickers,
    candleIntervalMs,
    rejected: input.rejects.count,
    rejectedByKind: { ...input.rejects.byKind },
    complete: events < maxEvents,
  };
}

/**
 * What the workload can compute from the configured data, decided before the run from the input's
 * description: which event kinds it holds (from each file's head, or a probe of the generator) and its
 * candle interval. Candles carry no book and no trade count; trades alone carry no book; book imbalance
 * needs a book snapshot or tickers with bid/ask sizes. The results carry the answer (`dataset.features`).
 */
import type { MarketEvent } from '../../datasets/events.js';
import type { Probe } from '../../datasets/probe.js';
import { FEATURE_NAMES } from '../../workloads/crypto/records.js';

type FeatureName = (typeof FEATURE_NAMES)[number];

export interface FeaturesUsed {
  /** The model inputs that carry information from this data, in FEATURE_NAMES order. */
  readonly used: FeatureName[];
  /** The others (left at 0 in the feature vector), each with why. */
  readonly absent: Partial<Record<FeatureName, string>>;
}

/** The kinds, ticker sizes and candle interval over every file a description covers (a merge: all). */
export function profileOf(
  description: Record<string, unknown>,
): Pick<Probe, 'kinds' | 'tickerSizes' | 'candleIntervalMs'> {
  const parts = Array.isArray(description.files)
    ? (description.files as Record<string, unknown>[])
    : [description];
  const kinds: Partial<Record<MarketEvent['kind'], number>> = {};
  let tickerSizes = false;
  for (const part of parts) {
    const head = part.head as Probe | undefined;
    if (head === undefined) continue;
    for (const [kind, n] of Object.entries(head.kinds)) {
      kinds[kind as MarketEvent['kind']] = (kinds[kind as MarketEvent['kind']] ?? 0) + (n ?? 0);
    }
    tickerSizes ||= head.tickerSizes;
  }
  const interval = description.candleIntervalMs;
  return { kinds, tickerSizes, candleIntervalMs: typeof interval === 'number' ? interval : null };
}

export function featuresUsed(profile: Pick<Probe, 'kinds' | 'tickerSizes'>): FeaturesUsed {
  const has = (kind: MarketEvent['kind']) => (profile.kinds[kind] ?? 0) > 0;
  const absent: Partial<Record<FeatureName, string>> = {};
  if (!has('snapshot') && !(has('ticker') && profile.tickerSizes)) {
    absent.imbalance = has('candle')
      ? 'candles carry no order book'
      : 'no order book snapshot and no ticker with bid/ask sizes';
  }
  if (!has('trade')) {
    absent.log1pTrades = has('candle') ? 'candles carry no trade count' : 'no trades in the data';
    if (!has('candle')) {
      absent.log1pVolume = 'no trades in the data';
      absent.vwapGap = 'no trades in the data';
    }
  }
  return { used: FEATURE_NAMES.filter((name) => absent[name] === undefined), absent };
}

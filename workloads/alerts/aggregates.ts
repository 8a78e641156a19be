/**
 * The window aggregates of the price-alert workload: what a delta window, a warning-count window and an
 * activity session compute from their elements.
 */
import type { AggregateFunction } from '../plan/index.js';
import type { ActivitySession, PriceTick, PriceWarning, WarningCount } from './records.js';

/** A delta window runs from its reference trade to the trade that moved away from it (delta-windows.ts). */
interface MoveAcc {
  first: PriceTick | null;
  last: PriceTick | null;
  trades: number;
}

export const moveAggregate: AggregateFunction<PriceTick, MoveAcc, PriceWarning> = {
  create: () => ({ first: null, last: null, trades: 0 }),
  add(acc, tick) {
    acc.first ??= tick;
    acc.last = tick;
    acc.trades++;
    return acc;
  },
  result(product, window, acc) {
    const ref = acc.first!;
    const last = acc.last!;
    return {
      product,
      seq: window.seq ?? 0,
      referencePrice: ref.price,
      referenceTime: ref.time,
      price: last.price,
      time: last.time,
      movePct: (last.price / ref.price - 1) * 100,
      trades: acc.trades,
    };
  },
};

/** The relative move of a price from its reference: the delta function of the delta trigger. */
export const relativeMove = (reference: unknown, element: unknown): number =>
  Math.abs((element as PriceTick).price / (reference as PriceTick).price - 1);

export const warningCountAggregate: AggregateFunction<
  PriceWarning,
  { n: number; max: number },
  WarningCount
> = {
  create: () => ({ n: 0, max: 0 }),
  add(acc, w) {
    acc.n++;
    acc.max = Math.max(acc.max, Math.abs(w.movePct));
    return acc;
  },
  result: (product, window, acc) => ({
    product,
    start: window.start,
    end: window.end,
    warnings: acc.n,
    maxMovePct: acc.max,
  }),
};

interface SessionAcc {
  first: number;
  last: number;
  trades: number;
}

export const sessionAggregate: AggregateFunction<PriceTick, SessionAcc, ActivitySession> = {
  create: () => ({ first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY, trades: 0 }),
  add(acc, tick) {
    acc.first = Math.min(acc.first, tick.time);
    acc.last = Math.max(acc.last, tick.time);
    acc.trades++;
    return acc;
  },
  merge: (a, b) => ({
    first: Math.min(a.first, b.first),
    last: Math.max(a.last, b.last),
    trades: a.trades + b.trades,
  }),
  result: (product, window, acc) => ({
    product,
    start: window.start,
    end: window.end,
    lengthMs: acc.last - acc.first,
    trades: acc.trades,
  }),
};

/**
 * Stage 2, an event-time window per product: ticks → one Bar per window. Ticks are added in per-key
 * arrival order, so the float sums come out bit-identical on every engine.
 */
import type { AggregateFunction } from '../plan/index.js';
import type { Bar, Tick } from './records.js';

interface BarAcc {
  ticks: number;
  open: number;
  close: number;
  trades: number;
  volume: number;
  notional: number;
  sumSqReturns: number;
  sumImbalance: number;
}

export const barAggregate: AggregateFunction<Tick, BarAcc, Bar> = {
  create: () => ({
    ticks: 0,
    open: Number.NaN,
    close: Number.NaN,
    trades: 0,
    volume: 0,
    notional: 0,
    sumSqReturns: 0,
    sumImbalance: 0,
  }),
  add(acc, t) {
    if (acc.ticks === 0) acc.open = t.mid;
    else if (t.mid !== acc.close) {
      const r = Math.log(t.mid / acc.close);
      acc.sumSqReturns += r * r;
    }
    acc.close = t.mid;
    acc.ticks++;
    acc.sumImbalance += t.imbalance;
    if (t.tradeSize > 0) {
      acc.trades++;
      acc.volume += t.tradeSize;
      acc.notional += t.tradePrice * t.tradeSize;
    }
    return acc;
  },
  result: (product, w, acc) => ({
    product,
    start: w.start,
    end: w.end,
    open: acc.open,
    close: acc.close,
    ticks: acc.ticks,
    trades: acc.trades,
    volume: acc.volume,
    vwap: acc.volume > 0 ? acc.notional / acc.volume : acc.close,
    realizedVol: Math.sqrt(acc.sumSqReturns),
    imbalance: acc.sumImbalance / acc.ticks,
  }),
};

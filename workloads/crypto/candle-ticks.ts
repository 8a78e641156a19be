/**
 * A candle as the ticks a bar is built from: its open, its extremes and its close, in the order the price
 * most likely took (a rising candle dips first: O→L→H→C; a falling one peaks first: O→H→L→C, the usual
 * assumption of bar-based backtests). The bar's realised volatility is then a range-based estimate over
 * that path instead of zero, and the candle's volume trades on the close tick at the typical price
 * (H+L+C)/3, the standard VWAP proxy for bars. All ticks carry the candle's start time, so they fall in
 * the candle's own window; nothing is added between candles (a gap stays a gap).
 */
import type { CandleEvent } from '../../datasets/events.js';
import type { Tick } from './records.js';

export function candleTicks(c: CandleEvent): Tick[] {
  const path = c.close >= c.open ? [c.open, c.low, c.high, c.close] : [c.open, c.high, c.low, c.close];
  const typical = (c.high + c.low + c.close) / 3;
  return path.map((mid, i) => ({
    product: c.product,
    time: c.time,
    mid,
    imbalance: 0,
    tradePrice: i === 3 ? typical : 0,
    tradeSize: i === 3 ? c.volume : 0,
  }));
}

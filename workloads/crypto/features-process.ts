/**
 * Stage 3, keyed by product: a Bar becomes a FeatureVector. The log return needs the previous
 * window's close, which is keyed state (windows with no ticks have no bar; the return then spans them).
 */
import type { KeyedProcessFunction } from '../plan/index.js';
import type { Bar, FeatureVector } from './records.js';

export const featuresProcess: KeyedProcessFunction<Bar, FeatureVector> = {
  processElement(bar, ctx, out) {
    const prevClose = ctx.state.get<number>('prevClose') ?? bar.open;
    ctx.state.set('prevClose', bar.close);
    const logReturn = Math.log(bar.close / prevClose);
    out.collect({
      product: bar.product,
      start: bar.start,
      end: bar.end,
      mid: bar.close,
      logReturn,
      x: [
        logReturn,
        bar.realizedVol,
        bar.imbalance,
        Math.log1p(bar.trades),
        Math.log1p(bar.volume),
        bar.vwap / bar.close - 1,
      ],
    });
  },
};

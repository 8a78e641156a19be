/**
 * Stage 4, keyed by product: prequential evaluation. On each FeatureVector it first learns the previous
 * window's features against this window's realised return (only when the windows are contiguous), then
 * forecasts the next window's return. The model's state lives in keyed state.
 */
import type { KeyedProcessFunction } from '../plan/index.js';
import type { Model } from './models/model.js';
import type { FeatureVector, Prediction } from './records.js';

interface Previous {
  x: readonly number[];
  end: number;
}

export function modelProcess<S>(
  model: Model<S>,
  seed: number,
): KeyedProcessFunction<FeatureVector, Prediction> {
  return {
    processElement(f, ctx, out) {
      let state = ctx.state.get<S>('model');
      if (state === undefined) {
        state = model.init(f.x.length, seedFor(seed, ctx.key));
        ctx.state.set('model', state);
      }
      const prev = ctx.state.get<Previous>('prev');
      if (prev !== undefined && prev.end === f.start) model.learn(state, prev.x, f.logReturn);
      ctx.state.set<Previous>('prev', { x: f.x, end: f.end });
      out.collect({
        product: f.product,
        madeAt: f.start,
        target: f.end,
        predicted: model.predict(state, f.x),
        persistence: f.logReturn,
        modelAgeWindows: model.ageWindows(state),
      });
    },
  };
}

/** One seed per key, derived from the run's seed, so every product's model starts reproducibly. */
function seedFor(seed: number, key: string): number {
  let h = seed | 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h >>> 0;
}

/**
 * Linear model: ridge regression refit in closed form on a sliding window of recent examples.
 *
 * Every `refitEvery` examples (once `minSamples` are held): standardise each feature by the window's
 * mean and standard deviation, centre the target, and solve (ZᵀZ + λI)·w = Zᵀ(y − ȳ). The intercept is
 * ȳ. Until the first fit it predicts 0 (the zero-return baseline).
 */
import { solveSpd } from './linalg.js';
import type { Model } from './model.js';

export interface RidgeParams {
  /** Examples kept for each refit. */
  readonly windowSize: number;
  readonly refitEvery: number;
  /** L2 penalty on the standardised weights. */
  readonly lambda: number;
  readonly minSamples: number;
}

export const RIDGE_DEFAULTS: RidgeParams = { windowSize: 300, refitEvery: 10, lambda: 1, minSamples: 30 };

export interface RidgeState {
  xs: number[][];
  ys: number[];
  /** Examples learned since the last refit (since the start, before the first): the model's age. */
  sinceRefit: number;
  weights: number[] | null;
  intercept: number;
  mean: number[];
  scale: number[];
}

export function ridgeModel(params: RidgeParams = RIDGE_DEFAULTS): Model<RidgeState> {
  return {
    name: 'linear',
    init: () => ({ xs: [], ys: [], sinceRefit: 0, weights: null, intercept: 0, mean: [], scale: [] }),
    learn(s, x, y) {
      s.xs.push([...x]);
      s.ys.push(y);
      if (s.xs.length > params.windowSize) {
        s.xs.shift();
        s.ys.shift();
      }
      s.sinceRefit++;
      if (s.xs.length >= params.minSamples && (s.weights === null || s.sinceRefit >= params.refitEvery)) {
        refit(s, params.lambda);
        s.sinceRefit = 0;
      }
    },
    predict(s, x) {
      if (s.weights === null) return 0;
      let y = s.intercept;
      for (let j = 0; j < x.length; j++) y += (s.weights[j] * (x[j] - s.mean[j])) / s.scale[j];
      return y;
    },
    ageWindows: (s) => s.sinceRefit,
  };
}

function refit(s: RidgeState, lambda: number): void {
  const n = s.xs.length;
  const d = s.xs[0].length;
  const mean = new Array<number>(d).fill(0);
  for (const x of s.xs) for (let j = 0; j < d; j++) mean[j] += x[j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const scale = new Array<number>(d).fill(0);
  for (const x of s.xs) for (let j = 0; j < d; j++) scale[j] += (x[j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j] / n) || 1;
  let yMean = 0;
  for (const y of s.ys) yMean += y;
  yMean /= n;
  const a = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? lambda : 0)));
  const b = new Array<number>(d).fill(0);
  const z = new Array<number>(d);
  for (let i = 0; i < n; i++) {
    const x = s.xs[i];
    for (let j = 0; j < d; j++) z[j] = (x[j] - mean[j]) / scale[j];
    const yc = s.ys[i] - yMean;
    for (let j = 0; j < d; j++) {
      b[j] += z[j] * yc;
      for (let k = 0; k <= j; k++) a[j][k] += z[j] * z[k];
    }
  }
  for (let j = 0; j < d; j++) for (let k = j + 1; k < d; k++) a[j][k] = a[k][j];
  s.weights = solveSpd(a, b);
  s.intercept = yMean;
  s.mean = mean;
  s.scale = scale;
}

/**
 * Online linear regression by stochastic gradient descent, one step per labelled window, as River's
 * `StandardScaler() | LinearRegression()`: the scaler first learns x (Welford), then the regression
 * takes one step on the standardised z with the squared loss L = (ŷ − y)², whose gradient is 2(ŷ − y).
 * That loss gradient is clipped to ±clipGradient, then (River's `GLM._fit`):
 *   intercept −= interceptLr · g              (a constant rate, as River's `intercept_lr=0.01`)
 *   w         −= η_t · (g · z + l2 · w)       (η_t from the schedule, t = updates so far)
 * Weights start at 0 (River's `initializers.Zeros`), so the first prediction is 0, the zero-return baseline.
 * It learns every window, so its model is never stale (age 0).
 */
import { learningRate, type Schedule } from './learning-rate.js';
import type { Model } from './model.js';
import { emptyStats, observe, type RunningStats, standardise } from './running-stats.js';

export interface SgdParams {
  readonly schedule: Schedule;
  /** η: the weights' learning rate (the schedule's starting rate for invscaling). */
  readonly learningRate: number;
  /** The inverse-scaling exponent. */
  readonly power: number;
  readonly interceptLr: number;
  /** L2 penalty: adds l2 · w to the weights' gradient. */
  readonly l2: number;
  /** Bound on |loss gradient|, so one outlier cannot move the model by more than η · clip · |z|. */
  readonly clipGradient: number;
}

/** River's `linear_model.LinearRegression` defaults. */
export const SGD_DEFAULTS: SgdParams = {
  schedule: 'constant',
  learningRate: 0.01,
  power: 0.5,
  interceptLr: 0.01,
  l2: 0,
  clipGradient: 1e12,
};

export interface SgdState {
  scaler: RunningStats;
  weights: number[];
  intercept: number;
  /** Updates made so far: the schedule's t. */
  updates: number;
}

export function sgdModel(params: SgdParams = SGD_DEFAULTS): Model<SgdState> {
  const raw = (s: SgdState, z: readonly number[]) => {
    let y = s.intercept;
    for (let j = 0; j < z.length; j++) y += s.weights[j] * z[j];
    return y;
  };
  return {
    name: 'sgd',
    init: (dims) => ({
      scaler: emptyStats(dims),
      weights: new Array<number>(dims).fill(0),
      intercept: 0,
      updates: 0,
    }),
    learn(s, x, y) {
      observe(s.scaler, x);
      const z = standardise(s.scaler, x);
      const g = Math.min(params.clipGradient, Math.max(-params.clipGradient, 2 * (raw(s, z) - y)));
      s.intercept -= params.interceptLr * g;
      const eta = learningRate(params.schedule, params.learningRate, params.power, s.updates);
      for (let j = 0; j < z.length; j++) s.weights[j] -= eta * (g * z[j] + params.l2 * s.weights[j]);
      s.updates++;
      if (!(Number.isFinite(s.intercept) && s.weights.every(Number.isFinite)))
        throw new RangeError(`sgd diverged after ${s.updates} updates: lower learningRate or clipGradient`);
    },
    predict: (s, x) => raw(s, standardise(s.scaler, x)),
    ageWindows: () => 0,
  };
}

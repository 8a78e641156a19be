import { describe, expect, it } from 'vitest';
import { learningRate } from '../../workloads/crypto/models/learning-rate.js';
import { observe, standardise, stdOf } from '../../workloads/crypto/models/running-stats.js';
import { SGD_DEFAULTS, type SgdState, sgdModel } from '../../workloads/crypto/models/sgd.js';

/** A deterministic stream of 3-feature inputs on different scales (LCG). */
function inputs(n: number, seed = 3): number[][] {
  let s = seed;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return Array.from({ length: n }, () => [u() * 4, u() * 0.01 + 2, u() * 100]);
}

const truth = (x: readonly number[]) => 0.5 * x[0] - 30 * x[1] + 0.002 * x[2] + 60;

describe('workloads/crypto/models/learning-rate: River schedules', () => {
  it('constant keeps η; invscaling is η / (t + 1)^power', () => {
    expect([0, 1, 99].map((t) => learningRate('constant', 0.01, 0.5, t))).toEqual([0.01, 0.01, 0.01]);
    expect(learningRate('invscaling', 0.01, 0.5, 0)).toBe(0.01);
    expect(learningRate('invscaling', 0.01, 0.5, 3)).toBeCloseTo(0.005, 15);
    expect(learningRate('invscaling', 0.01, 0.5, 99)).toBeCloseTo(0.001, 15);
    expect(learningRate('invscaling', 0.1, 1, 9)).toBeCloseTo(0.01, 15);
    expect(() => learningRate('constant', 0.01, 0.5, -1)).toThrow(RangeError);
  });
});

describe('workloads/crypto/models/sgd: online linear regression', () => {
  it('learns a noiseless linear relation: weights converge and the error falls', () => {
    const model = sgdModel();
    const s = model.init(3, 1);
    const xs = inputs(6000);
    const errors = xs.map((x) => {
      const e = Math.abs(model.predict(s, x) - truth(x));
      model.learn(s, x, truth(x));
      return e;
    });
    const mean = (a: number[]) => a.reduce((p, v) => p + v, 0) / a.length;
    expect(mean(errors.slice(-500))).toBeLessThan(mean(errors.slice(0, 500)) / 100);
    // Standardised weights are the true coefficients times each feature's standard deviation.
    const expected = [0.5, -30, 0.002].map((a, j) => a * stdOf(s.scaler, j));
    for (const [j, w] of s.weights.entries())
      expect(Math.abs(w - expected[j])).toBeLessThan(0.01 * Math.abs(expected[j]));
    for (const x of inputs(50, 99)) expect(model.predict(s, x)).toBeCloseTo(truth(x), 2);
    expect(model.ageWindows(s)).toBe(0);
  });

  it('steps the weights by η_t · (g·z + l2·w) with η_t from the schedule, as River', () => {
    const params = { ...SGD_DEFAULTS, schedule: 'invscaling' as const, learningRate: 0.1, l2: 0.5 };
    const model = sgdModel(params);
    const s = model.init(2, 1);
    for (const x of inputs(10)) model.learn(s, x.slice(0, 2), 1);
    const before: SgdState = structuredClone(s);
    const x = [1.5, 2.001];
    model.learn(s, x, 3);
    observe(before.scaler, x);
    const z = standardise(before.scaler, x);
    const g = 2 * (before.intercept + before.weights[0] * z[0] + before.weights[1] * z[1] - 3);
    const eta = 0.1 / Math.sqrt(10 + 1);
    expect(s.intercept).toBeCloseTo(before.intercept - 0.01 * g, 12);
    for (const j of [0, 1])
      expect(s.weights[j]).toBeCloseTo(before.weights[j] - eta * (g * z[j] + 0.5 * before.weights[j]), 12);
    expect(s.updates).toBe(11);
  });

  it('clips the loss gradient, bounding the step an outlier can cause', () => {
    const model = sgdModel({ ...SGD_DEFAULTS, clipGradient: 0.5 });
    const s = model.init(3, 1);
    for (const x of inputs(100)) model.learn(s, x, truth(x));
    const before = structuredClone(s);
    const x = [1, 2, 3];
    model.learn(s, x, 1e9);
    observe(before.scaler, x);
    const z = standardise(before.scaler, x);
    expect(Math.abs(s.intercept - before.intercept)).toBeCloseTo(0.01 * 0.5, 12);
    for (const [j, w] of s.weights.entries())
      expect(Math.abs(w - before.weights[j])).toBeLessThanOrEqual(0.01 * 0.5 * Math.abs(z[j]) + 1e-15);
  });

  it('state is plain JSON: a restored copy continues identically', () => {
    const model = sgdModel();
    const s = model.init(3, 1);
    const xs = inputs(400);
    for (const x of xs.slice(0, 200)) model.learn(s, x, truth(x));
    const copy: SgdState = JSON.parse(JSON.stringify(s));
    for (const x of xs.slice(200)) {
      expect(model.predict(copy, x)).toBe(model.predict(s, x));
      model.learn(s, x, truth(x));
      model.learn(copy, x, truth(x));
    }
  });
});

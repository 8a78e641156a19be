/** Delivery: what the plan owed against what the engine produced, missing and duplicated counted. */
import { describe, expect, it } from 'vitest';
import { deliveryOf } from '../../harness/metrics/delivery.js';
import type { FeatureVector, Prediction, Scored } from '../../workloads/crypto/records.js';

const feature = (start: number) => {
  const value = { product: 'P', start, end: start + 1000, mid: 1, logReturn: 0, x: [] } as FeatureVector;
  return { id: `P@${start}`, value };
};
const prediction = (target: number) => {
  const value = { product: 'P', madeAt: target - 1000, target, predicted: 0, persistence: 0 } as Prediction;
  return { id: `P@${target}`, value };
};
const scored = (target: number) => {
  const value = { product: 'P', target, predicted: 0, persistence: 0, actual: 0 } as Scored;
  return { id: `P@${target}`, value };
};

describe('harness/metrics: delivery', () => {
  const features = [0, 1000, 2000, 3000].map(feature);

  it('counts nothing when every owed output came once', () => {
    const d = deliveryOf(features, [1000, 2000, 3000, 4000].map(prediction), [1000, 2000, 3000].map(scored));
    expect(d).toEqual({
      predictionsMissing: 0,
      predictionsDuplicated: 0,
      scoredMissing: 0,
      scoredDuplicated: 0,
    });
  });

  it('counts a lost prediction, a repeated one, and the scored record the loss cost', () => {
    const d = deliveryOf(
      features,
      [1000, 3000, 3000, 4000].map(prediction), // 2000 lost, 3000 twice
      [1000, 3000, 3000].map(scored),
    );
    expect(d).toEqual({
      predictionsMissing: 1,
      predictionsDuplicated: 1,
      scoredMissing: 0,
      scoredDuplicated: 1,
    });
    const lostScore = deliveryOf(
      features,
      [1000, 2000, 3000, 4000].map(prediction),
      [1000, 3000].map(scored),
    );
    expect(lostScore.scoredMissing).toBe(1); // 2000 had its outcome but was never scored
  });
});

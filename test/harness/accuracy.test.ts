/** The accuracy figures: hand-checkable cases, the Wilson interval, and duplicates scored once. */
import { describe, expect, it } from 'vitest';
import { accuracyOf, wilson } from '../../harness/metrics/accuracy.js';
import type { Scored } from '../../workloads/crypto/records.js';

const row = (target: number, predicted: number, actual: number, persistence = 0): Scored => ({
  product: 'BTC-USD',
  target,
  predicted,
  persistence,
  actual,
});

describe('harness/metrics/accuracy', () => {
  it('computes RMSE, MAE, direction and skill on a hand-checkable case', () => {
    const a = accuracyOf([row(0, 1, 2, 0), row(1, -1, -3, 1), row(2, 1, 0, 0)]);
    expect(a.model.rmse).toBeCloseTo(Math.sqrt((1 + 4 + 1) / 3), 12);
    expect(a.model.mae).toBeCloseTo((1 + 2 + 1) / 3, 12);
    expect(a.model.moves).toBe(2); // the zero move is not a direction
    expect(a.model.directionalAccuracy).toBe(1);
    expect(a.baselines.persistence.rmse).toBeCloseTo(Math.sqrt((4 + 16 + 0) / 3), 12);
    expect(a.skillVsPersistence).toBeCloseTo(1 - Math.sqrt(6 / 3) / Math.sqrt(20 / 3), 12);
  });

  it('gives the Wilson 95% interval (checked against the textbook value for 8 of 10)', () => {
    const [lo, hi] = wilson(8, 10);
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
    const [lo0, hi0] = wilson(0, 5);
    expect(lo0).toBe(0);
    expect(hi0).toBeGreaterThan(0.4);
  });

  it('scores a prediction delivered twice once, on its first delivery, and counts the repeat', () => {
    const once = accuracyOf([row(0, 1, 2), row(1, 1, 1)]);
    const twice = accuracyOf([row(0, 1, 2), row(1, 1, 1), row(0, 5, 2)]);
    expect(twice.duplicates).toBe(1);
    expect(once.duplicates).toBe(0);
    expect(twice.model).toEqual(once.model);
  });

  it('does not depend on the order outputs arrive in', () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(i, Math.sin(i), Math.cos(i), Math.sin(i - 1)));
    const shuffled = [...rows].sort((a, b) => Math.sin(a.target * 7) - Math.sin(b.target * 7));
    expect(accuracyOf(shuffled)).toEqual(accuracyOf(rows));
  });
});

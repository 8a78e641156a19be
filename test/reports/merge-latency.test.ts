import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from '../../harness/metrics/latency-recorder.js';
import { mergedCdf } from '../../reports/merge-latency.js';

function recorded(values: readonly number[]) {
  const r = new LatencyRecorder();
  for (const v of values) r.record(v);
  return r.summary();
}

describe('reports: latency CDF of merged repetitions', () => {
  it('weighs every output of every repetition once, from the histograms added together', () => {
    const fast = recorded(Array.from({ length: 300 }, (_, i) => 1 + (i % 10)));
    const slow = recorded(Array.from({ length: 100 }, () => 1000));
    const cdf = new Map(mergedCdf([fast, slow]).map(([ms, fraction]) => [fraction, ms]));
    expect(cdf.get(0.5)).toBeLessThanOrEqual(10.1); // 3 in 4 outputs are fast
    expect(cdf.get(0.9)).toBeCloseTo(1000, -1);
    expect(cdf.get(1)).toBeCloseTo(1000, -1);
  });

  it('falls back to a summary’s own points when there is one, or a histogram is missing', () => {
    const one = recorded([5, 6, 7]);
    expect(mergedCdf([one])).toEqual(one.cdf);
    const slimmed = { ...recorded([100]), hdrBase64: '' };
    expect(mergedCdf([one, slimmed])).toEqual(one.cdf);
  });
});

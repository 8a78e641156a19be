import { describe, expect, it } from 'vitest';
import { compareResults } from '../../harness/compare/compare.js';
import { Results } from '../../harness/results/schema.js';
import { slimResults } from '../../harness/results/slim.js';
import { repeatedFixture } from '../reports/fixture.js';

describe('slimmed baselines', () => {
  it('drop the series but keep every figure compare reads', () => {
    const full = repeatedFixture([1, 1.1, 0.9]);
    const slim = Results.parse(slimResults(full));
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(full).length / 2);
    const completed = slim.runs.find((r) => r.state === 'completed');
    expect(completed?.state === 'completed' && completed.timing.latency.processingTime.hdrBase64).toBe('');
    const c = compareResults(slim, full);
    expect(c.regressions).toBe(0);
    expect(c.figures.every((f) => f.verdict === 'same')).toBe(true);
    expect(c.figures.length).toBeGreaterThan(50);
  });
});

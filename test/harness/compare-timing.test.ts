/**
 * `compare` on timing figures, from synthetic results whose repetitions are the golden fixture slowed by
 * known factors: a big slowdown is a regression, noise is not, a slower machine is not (the calibration
 * loop accounts for it), and too few repetitions never fail on a modest change.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../harness/compare/classify.js';
import { compareResults, type FigureComparison } from '../../harness/compare/compare.js';
import type { Results } from '../../harness/results/schema.js';
import { loadFixture, repeatedFixture } from '../reports/fixture.js';

const NOISE = [1, 1.04, 0.97, 1.02, 0.99];

function figure(figures: readonly FigureComparison[], model: string, key: string): FigureComparison {
  const found = figures.find((f) => f.model === model && f.figure === key);
  if (!found) throw new Error(`no ${model} ${key}`);
  return found;
}

function unpaced(results: Results): Results {
  results.config = { ...results.config, driver: { pacing: 'unpaced', warmupMs: 0 } };
  return results;
}

describe('compare: timing figures', () => {
  it('flags a 2.5× slowdown in every timing figure as a regression, throughput included', () => {
    const c = compareResults(repeatedFixture(NOISE), repeatedFixture(NOISE.map((k) => k * 2.5)));
    const p99 = figure(c.figures, 'linear', 'latency.processingTime.p99');
    expect(p99).toMatchObject({ verdict: 'worse', regression: true });
    expect(p99.ratio).toBeCloseTo(2.5, 1);
    expect(p99.interval?.[0]).toBeGreaterThan(DEFAULT_THRESHOLDS.timingFailRatio);
    expect(figure(c.figures, 'linear', 'throughput')).toMatchObject({ verdict: 'worse', regression: true });
    expect(figure(c.figures, 'linear', 'accuracy.rmse').verdict).toBe('same'); // deterministic figures untouched
    expect(c.regressions).toBeGreaterThan(20);
  });

  it('does not flag a few percent of noise between repetitions', () => {
    const c = compareResults(repeatedFixture(NOISE), repeatedFixture([1.03, 0.98, 1.05, 1.01, 0.96]));
    expect(c.regressions).toBe(0);
    const timing = c.figures.filter((f) => f.kind === 'timing');
    expect(timing.length).toBeGreaterThan(20);
    expect(timing.every((f) => f.verdict === 'same' || f.verdict === 'noise')).toBe(true);
  });

  it('calls a significant but small change noise, and a 1.3× change worse without failing a 2× band', () => {
    const small = compareResults(repeatedFixture(NOISE), repeatedFixture(NOISE.map((k) => k * 1.06)));
    expect(figure(small.figures, 'linear', 'cpuMs').verdict).toBe('noise');
    const medium = compareResults(repeatedFixture(NOISE), repeatedFixture(NOISE.map((k) => k * 1.3)), {
      ...DEFAULT_THRESHOLDS,
      timingFailRatio: 2,
    });
    expect(figure(medium.figures, 'linear', 'cpuMs')).toMatchObject({ verdict: 'worse', regression: false });
    expect(medium.regressions).toBe(0);
  });

  it('normalises by the calibration loop: a machine half as fast is not a regression', () => {
    const baseline = unpaced(repeatedFixture(NOISE, 40));
    const slowMachine = unpaced(
      repeatedFixture(
        NOISE.map((k) => k * 2),
        80,
      ),
    );
    const c = compareResults(baseline, slowMachine);
    expect(c.calibrationRatio).toBe(2);
    expect(c.regressions).toBe(0);
    expect(figure(c.figures, 'linear', 'throughput').ratio).toBeCloseTo(1, 1);
    // The same slowdown on the same machine speed is one.
    expect(
      compareResults(
        baseline,
        unpaced(
          repeatedFixture(
            NOISE.map((k) => k * 2),
            40,
          ),
        ),
      ).regressions,
    ).toBeGreaterThan(0);
  });

  it('does not scale a paced run’s throughput by the calibration: the driver sets it', () => {
    const c = compareResults(repeatedFixture(NOISE, 40), repeatedFixture(NOISE, 80));
    expect(figure(c.figures, 'linear', 'throughput')).toMatchObject({ verdict: 'same', regression: false });
    expect(figure(c.figures, 'linear', 'latency.processingTime.p99').verdict).toBe('better'); // same ms on a slower machine
  });

  it('with fewer than 3 repetitions, counts only changes beyond the fail ratio', () => {
    const modest = compareResults(repeatedFixture([1]), repeatedFixture([1.5]), {
      ...DEFAULT_THRESHOLDS,
      timingFailRatio: 2,
    });
    expect(figure(modest.figures, 'linear', 'cpuMs')).toMatchObject({
      verdict: 'noise',
      regression: false,
      interval: null,
    });
    const large = compareResults(repeatedFixture([1]), repeatedFixture([3]), {
      ...DEFAULT_THRESHOLDS,
      timingFailRatio: 2,
    });
    expect(figure(large.figures, 'linear', 'cpuMs')).toMatchObject({ verdict: 'worse', regression: true });
  });

  it('reports the same results compared with themselves as the same, with no regression', () => {
    const results = repeatedFixture(NOISE);
    const c = compareResults(results, results);
    expect(c.regressions).toBe(0);
    expect(c.figures.every((f) => f.verdict === 'same')).toBe(true);
  });

  it('skips with a note, not a failure, engines or models missing on either side', () => {
    const baseline = repeatedFixture(NOISE);
    const current = repeatedFixture(NOISE);
    current.runs = current.runs.map((r) => (r.model === 'persistence' ? { ...r, engine: 'storm' } : r));
    const c = compareResults(baseline, current);
    expect(c.regressions).toBe(0);
    expect(c.notes).toEqual(
      expect.arrayContaining([
        'storm × persistence is not in the baseline: skipped',
        'flink × persistence is in the baseline but was not run: skipped',
      ]),
    );
  });

  it('fails when a run that completed in the baseline errors now', () => {
    const current = loadFixture();
    current.runs = current.runs.map((r) =>
      r.model === 'linear' && r.engine === 'flink'
        ? { ...r, state: 'errored' as const, error: { name: 'Error', message: 'boom' } }
        : r,
    );
    const c = compareResults(loadFixture(), current);
    expect(figure(c.figures, 'linear', 'state')).toMatchObject({
      verdict: 'worse',
      regression: true,
      note: 'Error: boom',
    });
  });
});

/**
 * `compare` on real runs: a deliberate model change (the ridge regression's lambda) changes the
 * predictions, and the comparison flags it as a deterministic regression; the same run compared with
 * itself, or with a run that only changes an engine knob (Flink's buffer timeout, which must not change
 * any output), reports none. Runs go through `bench` in-process, unpaced, on a small input. The CLI's
 * exit codes are checked on the saved results.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, compareResults } from '../../harness/compare/compare.js';
import { RunConfig } from '../../harness/config/schema.js';
import { type BenchEvent, type BenchOutcome, bench } from '../../harness/run/bench.js';

const BIN = new URL('../../bin/flinkcoin.js', import.meta.url).pathname;
const OUT = mkdtempSync(join(tmpdir(), 'flinkcoin-compare-'));

function config(overrides: Record<string, unknown>): RunConfig {
  return RunConfig.parse({
    engines: ['flink'],
    models: ['linear'],
    data: { generator: { messages: 20_000 } },
    driver: { pacing: 'unpaced', warmupMs: 0 },
    isolation: 'in-process',
    outDir: OUT,
    ...overrides,
  });
}

const run = (overrides: Record<string, unknown>, repeat = 1) =>
  bench(config(overrides), 'test', new Subject<BenchEvent>(), undefined, { repeat });

function verdictOf(c: Comparison, figure: string): string | undefined {
  return c.figures.find((f) => f.figure === figure)?.verdict;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'compare', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('compare: deterministic figures of real runs', () => {
  let baseline: BenchOutcome;
  let lambda: BenchOutcome;
  let knob: BenchOutcome;

  beforeAll(async () => {
    baseline = await run({}, 2);
    lambda = await run({ workloadConfig: { ridge: { lambda: 1000 } } });
    knob = await run({ engine: { flink: { bufferTimeoutMs: 0 } } });
  });

  it('keeps every repetition with its index, and the calibration in the provenance', () => {
    expect(baseline.results.runs.map((r) => [r.engine, r.repetition, r.state])).toEqual([
      ['flink', 0, 'completed'],
      ['flink', 1, 'completed'],
    ]);
    expect(baseline.results.provenance.calibration?.medianMs).toBeGreaterThan(0);
  });

  it('reports no regression for a run compared with itself', () => {
    const c = compareResults(baseline.results, baseline.results);
    expect(c.regressions).toBe(0);
    expect(c.figures.filter((f) => f.kind === 'deterministic').every((f) => f.verdict === 'same')).toBe(true);
  });

  it('flags the predictions changed by a different ridge lambda as a deterministic regression', () => {
    const c = compareResults(baseline.results, lambda.results);
    expect(c.notes).toContain(
      'configuration differs at workloadConfig.ridge.lambda: 1 → 1000: deterministic figures are not expected to match',
    );
    expect(verdictOf(c, 'outputs.predictions.sha256')).toBe('worse');
    expect(verdictOf(c, 'accuracy.rmse')).not.toBe('same');
    expect(c.figures.filter((f) => f.kind === 'deterministic' && f.regression).length).toBeGreaterThan(0);
    expect(c.regressions).toBeGreaterThan(0);
  });

  it('finds every deterministic figure the same when only an engine knob changed', () => {
    const c = compareResults(baseline.results, knob.results);
    expect(c.notes.some((n) => n.startsWith('configuration differs at engine.flink.bufferTimeoutMs'))).toBe(
      true,
    );
    const deterministic = c.figures.filter((f) => f.kind === 'deterministic');
    expect(deterministic.length).toBeGreaterThan(10);
    expect(deterministic.filter((f) => f.verdict !== 'same')).toEqual([]);
  });

  it('exits 0 from the CLI without a regression, 1 with one, 2 on an unreadable file', () => {
    const same = cli(baseline.resultsPath, baseline.resultsPath);
    expect(same.code).toBe(0);
    expect(same.out).toContain('No regression.');
    const changed = cli(baseline.resultsPath, lambda.resultsPath, '-o', join(OUT, 'compared'));
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(
      /flink\s+linear\s+outputs\.predictions\.sha256\s+\S+\s+\S+\s+—\s+REGRESSION \(changed\)/,
    );
    expect(changed.out).toContain(join(OUT, 'compared', 'report.html'));
    const missing = cli(join(OUT, 'nope.json'), baseline.resultsPath);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read results');
  });
});

/**
 * `flinkcoin compare BASELINE CURRENT`: every figure of every engine × model present in both results,
 * judged by classify.ts. Engines or models on one side only are skipped with a note, not failed, so a
 * baseline made before an engine existed still guards the others. The output is data; reports/regression.ts
 * renders it for the terminal, the Markdown summary and the HTML report.
 */
import { groupRepetitions, median, type Repetitions } from '../results/repetitions.js';
import type { Results } from '../results/schema.js';
import {
  classifyDeterministic,
  classifyTiming,
  DEFAULT_THRESHOLDS,
  type FigureVerdict,
  machineScale,
  type Thresholds,
} from './classify.js';
import { configDifferences } from './config-diff.js';
import { deterministicFigures, type Figure, TIMING_FIGURES } from './figures.js';

/** One figure of one engine × model, both sides' values (medians for timing) and the verdict. */
export interface FigureComparison extends FigureVerdict {
  readonly engine: string;
  readonly model: string;
  readonly figure: string;
  readonly kind: Figure['kind'];
  readonly baseline: number | string | null;
  readonly current: number | string | null;
}

/** Which results a side was, for the headings. */
export interface Side {
  readonly runId: string;
  readonly commit: string | null;
  readonly calibrationMs: number | null;
}

export interface Comparison {
  readonly baseline: Side;
  readonly current: Side;
  /** Current calibration time over the baseline's; null when either lacks one (timings not normalised). */
  readonly calibrationRatio: number | null;
  readonly thresholds: Thresholds;
  readonly figures: readonly FigureComparison[];
  /** Skipped engines or models, configuration differences, missing calibration: said, not failed. */
  readonly notes: readonly string[];
  /** Figures that fail the comparison. */
  readonly regressions: number;
}

export function compareResults(
  baseline: Results,
  current: Results,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Comparison {
  const notes = configDifferences(baseline.config, current.config).map(
    (d) => `configuration differs at ${d}: deterministic figures are not expected to match`,
  );
  const calibrationRatio = calibrationRatioOf(baseline, current, notes);
  const paced = isPaced(baseline) || isPaced(current);
  const base = new Map(groupRepetitions(baseline.runs).map((g) => [`${g.engine} × ${g.model}`, g]));
  const figures: FigureComparison[] = [];
  for (const cur of groupRepetitions(current.runs)) {
    const name = `${cur.engine} × ${cur.model}`;
    const old = base.get(name);
    base.delete(name);
    if (old === undefined) notes.push(`${name} is not in the baseline: skipped`);
    else if (old.completed.length === 0) notes.push(`${name} errored in the baseline: skipped`);
    else
      figures.push(...compareGroup(old, cur, { calibrationRatio: calibrationRatio ?? 1, paced }, thresholds));
  }
  for (const name of base.keys()) notes.push(`${name} is in the baseline but was not run: skipped`);
  return {
    baseline: sideOf(baseline),
    current: sideOf(current),
    calibrationRatio,
    thresholds,
    figures,
    notes,
    regressions: figures.filter((f) => f.regression).length,
  };
}

/** How the two sides' machines and drivers differ, for normalising timing figures. */
interface Machine {
  readonly calibrationRatio: number;
  readonly paced: boolean;
}

function compareGroup(
  baseline: Repetitions,
  current: Repetitions,
  machine: Machine,
  thresholds: Thresholds,
): FigureComparison[] {
  const { engine, model } = current;
  if (current.completed.length === 0) {
    const { name, message } = current.errored[0].error;
    return [
      {
        engine,
        model,
        figure: 'state',
        kind: 'deterministic',
        baseline: 'completed',
        current: 'errored',
        verdict: 'worse',
        regression: true,
        note: `${name}: ${message}`,
      },
    ];
  }
  const first = baseline.completed[0];
  const deterministic = deterministicFigures(first).map((figure): FigureComparison => {
    const old = figure.value(first);
    const values = current.completed.map((r) => figure.value(r));
    const verdict = classifyDeterministic(figure, old, values, thresholds);
    return {
      engine,
      model,
      figure: figure.key,
      kind: figure.kind,
      baseline: old,
      current: values[0],
      ...verdict,
    };
  });
  const timing = TIMING_FIGURES.flatMap((figure): FigureComparison[] => {
    const old = numbers(baseline.completed.map((r) => figure.value(r)));
    const now = numbers(current.completed.map((r) => figure.value(r)));
    if (old.length === 0 && now.length === 0) return [];
    const scale = machineScale(figure, machine.calibrationRatio, machine.paced);
    const verdict = classifyTiming(figure, old, now, scale, thresholds);
    return [
      {
        engine,
        model,
        figure: figure.key,
        kind: figure.kind,
        baseline: median(old),
        current: median(now),
        ...verdict,
      },
    ];
  });
  return [...deterministic, ...timing];
}

function numbers(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

/** Current over baseline calibration time, when both ran the same calibration loop. */
function calibrationRatioOf(baseline: Results, current: Results, notes: string[]): number | null {
  const [b, c] = [baseline.provenance.calibration, current.provenance.calibration];
  if (b === undefined || c === undefined) {
    notes.push('a side has no calibration: timing figures are not normalised for machine speed');
    return null;
  }
  if (b.loop !== c.loop) {
    notes.push(`calibration loops differ (${b.loop} vs ${c.loop}): timing figures are not normalised`);
    return null;
  }
  return c.medianMs / b.medianMs;
}

/** Whether the results' driver paced the input (rate or speed) rather than feeding it as fast as taken. */
function isPaced(results: Results): boolean {
  const driver = results.config.driver;
  return !(
    typeof driver === 'object' &&
    driver !== null &&
    'pacing' in driver &&
    driver.pacing === 'unpaced'
  );
}

function sideOf(results: Results): Side {
  return {
    runId: results.runId,
    commit: results.provenance.gitCommit,
    calibrationMs: results.provenance.calibration?.medianMs ?? null,
  };
}

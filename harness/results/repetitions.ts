/**
 * Repetitions of one engine × model (`bench --repeat N`) belong together: the report shows their median
 * and `compare` tests their spread. This is the one place that decides which runs are repetitions of
 * each other (same engine, model and sweep point) and how a median is taken.
 */
import type { CompletedRun, ErroredRun, RunResult } from './schema.js';

/** The runs of one engine × model (× sweep point) in one results file, split by state. */
export interface Repetitions {
  readonly engine: string;
  /** The model, with the sweep point when the runs are one (`linear [bufferTimeoutMs=5 @ 20000 ev/s]`). */
  readonly model: string;
  readonly completed: readonly CompletedRun[];
  readonly errored: readonly ErroredRun[];
}

/** The model as tables and keys name it: with the sweep point when the run is one. */
export function modelLabel(run: RunResult): string {
  return run.variant ? `${run.model} [${run.variant.label}]` : run.model;
}

/** The runs grouped into repetitions, in order of first appearance. */
export function groupRepetitions(runs: readonly RunResult[]): Repetitions[] {
  const groups = new Map<string, { engine: string; model: string; runs: RunResult[] }>();
  for (const run of runs) {
    const model = modelLabel(run);
    const key = `${run.engine}\u0000${model}`;
    const group = groups.get(key) ?? { engine: run.engine, model, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ engine, model, runs: members }) => ({
    engine,
    model,
    completed: members.filter((r): r is CompletedRun => r.state === 'completed'),
    errored: members.filter((r): r is ErroredRun => r.state === 'errored'),
  }));
}

/** The median of the finite values, or null when there are none. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const sorted = values
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The report's view of its input: one or several results files, flattened to runs that each carry a
 * display label. Every table and chart goes through here, so a run has the same name (and colour) everywhere.
 */
import type { CompletedRun, Results, RunResult } from '../harness/results/schema.js';

/** What every renderer accepts: one results file, or several merged into one report (`flinkcoin report a b`). */
export type ReportInput = Results | readonly Results[];

/** A run with the label that names it in tables and chart legends. */
export interface LabelledRun<R extends RunResult = RunResult> {
  readonly label: string;
  readonly runId: string;
  readonly run: R;
}

/** Normalises the input to a list, so callers need not care whether one file or several were given. */
export function resultSets(input: ReportInput): readonly Results[] {
  return Array.isArray(input) ? input : [input as Results];
}

/**
 * Every run, labelled `engine × model`; when several results files are merged the run id is appended,
 * since the same engine × model then appears once per file.
 */
export function labelledRuns(input: ReportInput): LabelledRun[] {
  const sets = resultSets(input);
  return sets.flatMap((results) =>
    results.runs.map((run) => ({
      label: `${run.engine} × ${modelCell(run)}${sets.length > 1 ? ` (${results.runId})` : ''}`,
      runId: results.runId,
      run,
    })),
  );
}

/** The model, with the sweep point when the run is one (`linear [bufferTimeoutMs=5 @ 20000 ev/s]`). */
export function modelCell(run: RunResult): string {
  return run.variant ? `${run.model} [${run.variant.label}]` : run.model;
}

/** Only the runs that finished, which are the only ones with figures to chart. */
export function completedRuns(input: ReportInput): LabelledRun<CompletedRun>[] {
  return labelledRuns(input).filter((r): r is LabelledRun<CompletedRun> => r.run.state === 'completed');
}

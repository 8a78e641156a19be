/**
 * The report's view of its input: one or several results files, grouped into engine × model rows whose
 * repetitions (`bench --repeat`) are kept together, each with a display label. Every table and chart goes
 * through here, so a run has the same name (and colour) everywhere and repetitions are merged one way.
 */
import { groupRepetitions, median, type Repetitions } from '../harness/results/repetitions.js';
import type { CompletedRun, Results } from '../harness/results/schema.js';

export { median } from '../harness/results/repetitions.js';

/** What every renderer accepts: one results file, or several merged into one report (`flinkcoin report a b`). */
export type ReportInput = Results | readonly Results[];

/** One engine × model (× sweep point) of one results file, with all its repetitions. */
export interface RunGroup extends Repetitions {
  /** `engine × model`, with the run id appended when several results files are merged. */
  readonly label: string;
  readonly runId: string;
}

/** A group that has figures: its label, the repetition charts draw, and every completed repetition. */
export interface LabelledRun {
  readonly label: string;
  readonly runId: string;
  /** The repetition whose throughput is nearest the median: timelines are drawn from one real run. */
  readonly run: CompletedRun;
  readonly repetitions: readonly CompletedRun[];
}

/** Normalises the input to a list, so callers need not care whether one file or several were given. */
export function resultSets(input: ReportInput): readonly Results[] {
  return Array.isArray(input) ? input : [input as Results];
}

/**
 * The groups in order of first appearance. Repetitions of one results file merge; the same engine ×
 * model in two merged files stays two groups, since those are different code or machines.
 */
export function runGroups(input: ReportInput): RunGroup[] {
  const sets = resultSets(input);
  const sources = sets.map(sourceOf);
  // Merged files that differ in where the input came from are told apart by it (Kafka beside
  // in-process); otherwise by run id. A lone Kafka-sourced or fault run says so in its label.
  const bySource = new Set(sources).size === sets.length;
  return sets.flatMap((results, i) =>
    groupRepetitions(results.runs).map((g) => {
      const tag =
        sets.length > 1
          ? bySource
            ? sources[i]
            : results.runId
          : sources[i] === 'in-process'
            ? ''
            : sources[i];
      return { ...g, label: `${g.engine} × ${g.model}${tag ? ` (${tag})` : ''}`, runId: results.runId };
    }),
  );
}

/**
 * Where a results file's input came through: `kafka` (a topic), `faults` (fault runs: a worker process
 * reading the driver's input log), or `in-process` (the driver feeding the engine directly).
 */
export function sourceOf(results: Results): string {
  const fromKafka = (results.dataset as { format?: unknown }).format === 'kafka';
  const faults = results.runs.some(
    (r) => r.state === 'completed' && r.recovery?.execution === 'worker-process',
  );
  return [fromKafka ? 'kafka' : null, faults ? 'faults' : null].filter(Boolean).join(', ') || 'in-process';
}

/** The groups with at least one completed repetition: the only ones with figures to chart. */
export function completedRuns(input: ReportInput): LabelledRun[] {
  return runGroups(input)
    .filter((g) => g.completed.length > 0)
    .map((g) => ({
      label: g.label,
      runId: g.runId,
      run: representative(g.completed),
      repetitions: g.completed,
    }));
}

/** The repetition whose throughput is nearest the median throughput (the first such, on ties). */
export function representative(runs: readonly CompletedRun[]): CompletedRun {
  const mid = median(runs.map((r) => r.timing.throughputEventsPerSec)) ?? 0;
  const distance = (r: CompletedRun) => Math.abs(r.timing.throughputEventsPerSec - mid);
  return runs.reduce((best, r) => (distance(r) < distance(best) ? r : best));
}

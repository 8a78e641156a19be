/**
 * The figures `compare` checks, and how each is judged. Two families, kept apart as in the results JSON:
 *   deterministic  the same config and seed reproduce them exactly (accuracy, output counts and digests,
 *                  duplicates, input counts), so any change is a real change in behaviour;
 *   timing         they vary run to run (throughput, latency, CPU, memory), so they are compared as
 *                  distributions over repetitions, and normalised by the calibration loop.
 */
import type { CompletedRun, LatencySummary } from '../results/schema.js';

/**
 * Which way a figure improves. `exact` figures have no better direction: any difference (an output
 * digest, a count of outputs) means the pipeline now computes something else.
 */
export type Direction = 'lower' | 'higher' | 'exact';

/**
 * How a timing figure scales with the machine's speed: `time` figures grow on a slower machine (divide
 * by the calibration ratio), `rate` figures shrink (multiply), `memory` does not depend on it.
 */
export type Scaling = 'time' | 'rate' | 'memory';

export interface DeterministicFigure {
  readonly kind: 'deterministic';
  readonly key: string;
  readonly direction: Direction;
  readonly value: (run: CompletedRun) => number | string | null;
}

export interface TimingFigure {
  readonly kind: 'timing';
  readonly key: string;
  readonly direction: Exclude<Direction, 'exact'>;
  readonly scaling: Scaling;
  readonly value: (run: CompletedRun) => number | null;
}

export type Figure = DeterministicFigure | TimingFigure;

const accuracy = (
  key: string,
  direction: Direction,
  value: DeterministicFigure['value'],
): DeterministicFigure => ({ kind: 'deterministic', key, direction, value });

/** The deterministic figures of a run: fixed ones, then a count and a digest per sink it wrote. */
export function deterministicFigures(run: CompletedRun): DeterministicFigure[] {
  const sinks = Object.keys(run.deterministic.outputs).sort();
  return [
    accuracy('accuracy.rmse', 'lower', (r) => r.deterministic.accuracy.model.rmse),
    accuracy('accuracy.mae', 'lower', (r) => r.deterministic.accuracy.model.mae),
    accuracy('accuracy.directional', 'higher', (r) => r.deterministic.accuracy.model.directionalAccuracy),
    accuracy('accuracy.skillVsPersistence', 'higher', (r) => r.deterministic.accuracy.skillVsPersistence),
    accuracy('accuracy.scored', 'higher', (r) => r.deterministic.accuracy.model.count),
    accuracy('accuracy.duplicates', 'lower', (r) => r.deterministic.accuracy.duplicates ?? 0),
    ...sinks.flatMap((sink) => [
      accuracy(`outputs.${sink}.count`, 'exact', (r) => r.deterministic.outputs[sink]?.count ?? null),
      accuracy(`outputs.${sink}.sha256`, 'exact', (r) => r.deterministic.outputs[sink]?.sha256 ?? null),
    ]),
    accuracy('input.events', 'exact', (r) => r.deterministic.input.events),
    accuracy('input.rejected', 'exact', (r) => r.deterministic.input.rejected),
  ];
}

const timing = (
  key: string,
  direction: TimingFigure['direction'],
  scaling: Scaling,
  value: TimingFigure['value'],
): TimingFigure => ({ kind: 'timing', key, direction, scaling, value });

function latencyFigures(kind: 'processingTime' | 'eventTime'): TimingFigure[] {
  const of = (r: CompletedRun): LatencySummary | null => r.timing.latency[kind];
  return (['p50', 'p95', 'p99', 'p999', 'max'] as const).map((p) =>
    timing(`latency.${kind}.${p}`, 'lower', 'time', (r) => of(r)?.[p] ?? null),
  );
}

/** The timing figures every completed run has (event-time latency is null in unpaced runs). */
export const TIMING_FIGURES: readonly TimingFigure[] = [
  timing('throughput', 'higher', 'rate', (r) => r.timing.throughputEventsPerSec),
  ...latencyFigures('processingTime'),
  ...latencyFigures('eventTime'),
  timing('cpuMs', 'lower', 'time', (r) => r.timing.resources.cpuUserMs + r.timing.resources.cpuSystemMs),
  timing('wallMs', 'lower', 'time', (r) => r.timing.wallMs),
  timing('peakRssBytes', 'lower', 'memory', (r) => r.timing.resources.peakRssBytes),
];

/**
 * The recording sinks of one run, bound from the plan's own sink nodes (so any workload's outputs are
 * recorded, digested and timed), and the figures computed from them that depend on the workload:
 * latency is recorded for the workload's latency outputs (the crypto predictor: predictions; alerts:
 * every window output), the first of which is the run's headline latency; accuracy only where the
 * workload has scored outputs; the workload's own headline figures (workloads/registry.ts `figures`).
 */
import type { Clock } from '../../engines/contract.js';
import { ALERTS_WORKLOAD } from '../../workloads/alerts/config.js';
import type { Plan } from '../../workloads/plan/index.js';
import type { WorkloadSpec } from '../../workloads/registry.js';
import type { RunConfig } from '../config/schema.js';
import type { LatencyMeasurement } from '../metrics/recording-sink.js';
import { RecordingSink } from '../metrics/recording-sink.js';

export interface RunSinks {
  readonly all: Readonly<Record<string, RecordingSink<unknown>>>;
  /** The sink whose latency is the run's headline (`timing.latency`). */
  readonly headline: RecordingSink<unknown>;
  readonly latencyOutputs: readonly string[];
}

export function bindRunSinks(
  plan: Plan,
  spec: WorkloadSpec,
  clock: Clock,
  latency: LatencyMeasurement,
): RunSinks {
  const outputs = [...new Set(plan.nodes.flatMap((n) => (n.kind === 'sink' ? [n.output] : [])))];
  const latencyOutputs = (spec.latencyOutputs ?? ['predictions']).filter((o) => outputs.includes(o));
  const all = Object.fromEntries(
    outputs.map((o) => [o, new RecordingSink<unknown>(clock, latencyOutputs.includes(o) ? latency : null)]),
  );
  const headline = all[latencyOutputs[0] ?? outputs[0]];
  return { all, headline, latencyOutputs };
}

/** Latency per output kind, when a workload times more than one output. */
export function latencyByOutput(sinks: RunSinks, eventTime: boolean) {
  if (sinks.latencyOutputs.length < 2) return undefined;
  return Object.fromEntries(
    sinks.latencyOutputs.map((o) => {
      const s = sinks.all[o];
      return [
        o,
        { processingTime: s.processingTime.summary(), eventTime: eventTime ? s.eventTime.summary() : null },
      ];
    }),
  );
}

/** The workload's headline figures from its outputs (undefined when it has none). */
export function workloadFigures(sinks: RunSinks, spec: WorkloadSpec): Record<string, number> | undefined {
  if (spec.figures === undefined) return undefined;
  const values = Object.fromEntries(
    Object.entries(sinks.all).map(([o, s]) => [o, s.outputs.map((x) => x.value)]),
  );
  return spec.figures(values);
}

/** The settings the workload's plan is built from: its own config key, with the run's watermark bound. */
export function workloadSettings(config: RunConfig): unknown {
  if (config.workload === ALERTS_WORKLOAD) {
    return { ...config.alerts, maxOutOfOrdernessMs: config.workloadConfig.maxOutOfOrdernessMs };
  }
  return config.workloadConfig;
}

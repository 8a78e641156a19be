/**
 * One engine × model under a fault plan, as a results entry: supervise the worker, read back the
 * outputs it made visible, and turn them into the same figures as a failure-free run (latency is
 * replayed from each output's visibility time), plus the recovery section (phases per fault, the
 * oracle per sink, divergence from the failure-free reference).
 *
 *   supervise ─▶ readOutputLog ─▶ RecordingSink (replayed at visibleAt) ─▶ timing, deterministic
 *                              └─▶ classifyOutputs vs reference ─▶ recovery.oracle, divergence
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../engines/contract.js';
import type { FeatureVector, Prediction, Scored } from '../../workloads/crypto/records.js';
import type { RunConfig } from '../config/schema.js';
import { toError } from '../errors.js';
import { accuracyOf } from '../metrics/accuracy.js';
import { deliveryOf } from '../metrics/delivery.js';
import { RecordingSink } from '../metrics/recording-sink.js';
import { Timeline } from '../metrics/timeline.js';
import type { RunResult } from '../results/schema.js';
import { faultRunEngineConfig } from './engine-settings.js';
import type { FaultPlan } from './fault-plan.js';
import { classifyOutputs } from './oracle.js';
import { type LoggedOutput, readOutputLog } from './output-log.js';
import { recoveryPhases } from './recovery-phases.js';
import type { referenceOutputs } from './reference-run.js';
import { supervise } from './supervisor.js';

export interface FaultyRunOptions {
  readonly plan: FaultPlan;
  /** The failure-free outputs (a promise: a failing reference becomes this run's error). */
  readonly reference: ReturnType<typeof referenceOutputs> | Awaited<ReturnType<typeof referenceOutputs>>;
  /** Where the run's input log, state and outputs go (removed afterwards unless `keep`). */
  readonly runDir: string;
  readonly keep?: boolean;
  readonly restartDelayMs?: number;
  readonly onProgress?: (released: number) => void;
}

export async function runFaulty(
  config: RunConfig,
  engine: string,
  model: string,
  o: FaultyRunOptions,
): Promise<RunResult> {
  const engineConfig = faultRunEngineConfig(engine, config.engine[engine]);
  const base = { engine, model, workload: config.workload, process: 'fresh-process' as const, engineConfig };
  try {
    const reference = await o.reference;
    rmSync(o.runDir, { recursive: true, force: true }); // a fresh run: no state from an earlier one
    const run = await supervise({
      config,
      engine,
      model,
      engineConfig,
      plan: o.plan,
      runDir: o.runDir,
      restartDelayMs: o.restartDelayMs ?? 200,
      onProgress: o.onProgress,
    });
    const logged: Record<string, LoggedOutput[]> = {};
    for (const sink of Object.keys(reference.sinks))
      logged[sink] = readOutputLog(join(o.runDir, 'outputs', sink));
    if (!o.keep) rmSync(o.runDir, { recursive: true, force: true });

    const warmupEndsAt = run.startAt + config.driver.warmupMs;
    const replay = replayed(logged, run.startAt, warmupEndsAt, config.driver.pacing !== 'unpaced');
    const oracle = Object.fromEntries(
      Object.entries(reference.sinks).map(([sink, ref]) => {
        const { wrongIds: _, ...counts } = classifyOutputs(ref, logged[sink] ?? []);
        return [sink, counts];
      }),
    );
    const scored = replay.scored.outputs.map((s) => s.value);
    const accuracy = accuracyOf(scored);
    const referenceAccuracy = accuracyOf(reference.values.scored as Scored[]);
    const events = run.released.at(-1)?.[1] ?? 0;
    const throughput = throughputOf(run, warmupEndsAt);
    const timeline = new Timeline(run.startAt);
    let prev = 0;
    for (const [at, n] of run.consumed) {
      if (n > prev) timeline.add(at, n - prev);
      prev = n;
    }
    return {
      ...base,
      state: 'completed',
      timing: {
        wallMs: run.endedAt - run.startAt,
        warmupMs: config.driver.warmupMs,
        measuredMs: Math.max(0, run.endedAt - warmupEndsAt),
        eventsIngested: events,
        eventsMeasured: throughput.events,
        throughputEventsPerSec: throughput.rate,
        throughputTimeline: timeline.points(),
        latency: {
          processingTime: replay.predictions.processingTime.summary(),
          eventTime: config.driver.pacing !== 'unpaced' ? replay.predictions.eventTime.summary() : null,
        },
        latencyTimeline: replay.predictions.timeline?.points() ?? [],
        resources: { cpuUserMs: run.cpuUserMs, cpuSystemMs: run.cpuSystemMs, peakRssBytes: run.peakRssBytes },
        timeliness: null,
      },
      deterministic: {
        accuracy,
        outputs: Object.fromEntries(Object.entries(replay).map(([name, sink]) => [name, sink.digest()])),
        delivery: deliveryOf(replay.features.outputs, replay.predictions.outputs, replay.scored.outputs),
        input: { events, rejected: 0, rejectedSamples: [] },
      },
      counters: run.counters,
      engineMetrics: { ...run.metrics, 'faults.recommitsIgnored': run.recommitsIgnored },
      recovery: {
        faults: recoveryPhases(run, logged.predictions ?? [], rateOf(config)),
        execution: 'worker-process',
        workers: run.workers,
        oracle,
        divergence: {
          rmseDelta:
            accuracy.model.rmse === null || referenceAccuracy.model.rmse === null
              ? null
              : accuracy.model.rmse - referenceAccuracy.model.rmse,
          predictionsDiffering: oracle.predictions?.wrong ?? 0,
        },
      },
    };
  } catch (thrown) {
    const error = toError(thrown);
    return {
      ...base,
      state: 'errored',
      error: { name: error.name, message: error.message, stack: error.stack },
    };
  }
}

/** The outputs fed to the harness's recording sinks at the time each became visible. */
function replayed(
  logged: Record<string, LoggedOutput[]>,
  startAt: number,
  warmupEndsAt: number,
  eventTime: boolean,
) {
  let now = 0;
  const clock: Clock = { now: () => now };
  const latency = { warmupEndsAt, eventTime, startAt };
  const sinks = {
    features: new RecordingSink<FeatureVector>(clock, null),
    predictions: new RecordingSink<Prediction>(clock, latency),
    scored: new RecordingSink<Scored>(clock, null),
  };
  for (const [name, sink] of Object.entries(sinks)) {
    for (const o of logged[name] ?? []) {
      now = o.visibleAt;
      (sink as RecordingSink).write(o.id, o.value, o.ts, o.createdAt, o.ingestedAt);
    }
  }
  return sinks;
}

/** Events per second over the measured phase: released after the warm-up until the last output. */
function throughputOf(run: { released: readonly [number, number][]; endedAt: number }, warmupEndsAt: number) {
  const atWarmup = run.released.find(([at]) => at >= warmupEndsAt)?.[1] ?? 0;
  const events = (run.released.at(-1)?.[1] ?? 0) - atWarmup;
  const span = run.endedAt - warmupEndsAt;
  return { events, rate: span > 0 ? (events / span) * 1000 : 0 };
}

function rateOf(config: RunConfig): number {
  return config.driver.pacing === 'rate' ? config.driver.rate : 20_000;
}

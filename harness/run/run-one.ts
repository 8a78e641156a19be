/**
 * Runs one engine × model in this process and returns its result, typed by state: a thrown error
 * becomes an `errored` result carrying the error, never a crash of the whole bench.
 *
 *   input ─OpenLoopSource─▶ MeteredSource ─▶ engine(plan) ─▶ RecordingSinks ─▶ figures ─▶ RunResult
 */

import { engineEntry } from '../../engines/registry.js';
import type { FeatureVector, Prediction, Scored } from '../../workloads/crypto/records.js';
import { workload } from '../../workloads/registry.js';
import type { RunConfig } from '../config/schema.js';
import { systemClock } from '../driver/clock.js';
import { MeteredSource } from '../driver/metered-source.js';
import type { Pacing } from '../driver/open-loop-source.js';
import { toError } from '../errors.js';
import { openConfiguredSink, teeSink } from '../kafka/sink.js';
import { accuracyOf } from '../metrics/accuracy.js';
import { deliveryOf } from '../metrics/delivery.js';
import { EventTimeSchedule } from '../metrics/event-time-schedule.js';
import type { RecordingSink } from '../metrics/recording-sink.js';
import { RecoveryLog } from '../metrics/recovery-log.js';
import { timelinessOf } from '../metrics/timeliness.js';
import type { RunResult, SweepPoint } from '../results/schema.js';
import { openRunInput, sourceReaderOf } from './inputs.js';
import { bindRunSinks, latencyByOutput, workloadFigures, workloadSettings } from './run-sinks.js';

/** Lets the engine finish deploying before the first event is due. */
const START_DELAY_MS = 20;

export interface RunOneOptions {
  readonly process: 'fresh-process' | 'in-process';
  readonly onProgress?: (ingested: number) => void;
  readonly signal?: AbortSignal;
  /** The sweep point this run is, carried into its result. */
  readonly variant?: SweepPoint;
}

export async function runOne(
  config: RunConfig,
  engine: string,
  model: string,
  opts: RunOneOptions,
): Promise<RunResult> {
  const base = {
    engine,
    model,
    workload: config.workload,
    process: opts.process,
    engineConfig: config.engine[engine] ?? {},
    ...(opts.variant ? { variant: opts.variant } : {}),
  };
  try {
    const { engine: impl } = engineEntry(engine);
    const spec = workload(config.workload);
    const modelRuntime = await spec.prepare?.(config, model);
    const plan = spec.build(workloadSettings(config), model, config.seed);
    const input = await openRunInput(config);
    // Predictions also go to Kafka when a sink topic is configured (data.kafka.sinkTopic); connected
    // before the clock starts, so the connection is not counted as latency.
    const kafkaSink = await openConfiguredSink<Prediction>(config.data.kafka);
    const clock = systemClock;
    const recovery = new RecoveryLog();
    const cpuBefore = process.cpuUsage();
    const began = clock.now();
    const startAt = began + START_DELAY_MS;
    const warmupEndsAt = startAt + config.driver.warmupMs;
    const pacing = pacingOf(config);
    const schedule = pacing.mode === 'unpaced' ? null : new EventTimeSchedule();
    const source = new MeteredSource(
      sourceReaderOf(input, pacing, startAt),
      startAt,
      warmupEndsAt,
      opts.onProgress,
      schedule,
    );
    const latency = { warmupEndsAt, eventTime: pacing.mode !== 'unpaced', startAt };
    // Sinks come from the plan's sink nodes; the crypto predictor's three are typed for its figures.
    const bound = bindRunSinks(plan, spec, clock, latency);
    const sinks = bound.all as Record<string, RecordingSink<unknown>> & {
      features?: RecordingSink<FeatureVector>;
      predictions?: RecordingSink<Prediction>;
      scored?: RecordingSink<Scored>;
    };
    const predictionSink =
      kafkaSink && sinks.predictions ? { predictions: teeSink(sinks.predictions, kafkaSink) } : {};
    const report = await impl
      .run({
        plan,
        sources: { market: [source] },
        sinks: { ...sinks, ...predictionSink },
        clock,
        config: base.engineConfig,
        signal: opts.signal,
        recovery,
      })
      .catch(async (e: unknown) => {
        await kafkaSink?.abort();
        throw e;
      })
      .finally(() => input.close?.());
    await kafkaSink?.close();
    const ended = clock.now();
    const cpu = process.cpuUsage(cpuBefore);
    const predictions = bound.headline;
    // Accuracy only where the workload scores its outputs (an empty set of figures otherwise).
    const accuracy = accuracyOf(sinks.scored?.outputs.map((o) => o.value) ?? []);
    const firstScored = new Map<string, Scored>();
    for (const o of sinks.scored?.outputs ?? []) if (!firstScored.has(o.id)) firstScored.set(o.id, o.value);
    const timeliness =
      schedule === null || sinks.scored === undefined
        ? null
        : timelinessOf(
            [...firstScored.values()],
            predictions.firstDeliveredAt,
            schedule,
            config.workloadConfig.windowMs,
          );
    return {
      ...base,
      state: 'completed',
      timing: {
        wallMs: ended - began,
        warmupMs: config.driver.warmupMs,
        measuredMs: Math.max(0, source.lastIngestAt - source.firstMeasuredAt) || 0,
        eventsIngested: source.ingested,
        eventsMeasured: source.measured,
        throughputEventsPerSec: source.measuredRate(
          Math.max(...Object.values(sinks).map((s) => s.lastWriteAt)),
        ),
        throughputTimeline: source.timeline.points(),
        latency: {
          processingTime: predictions.processingTime.summary(),
          eventTime: latency.eventTime ? predictions.eventTime.summary() : null,
        },
        latencyTimeline: predictions.timeline?.points() ?? [],
        ...optional('latencyByOutput', latencyByOutput(bound, latency.eventTime)),
        resources: {
          cpuUserMs: cpu.user / 1000,
          cpuSystemMs: cpu.system / 1000,
          peakRssBytes: process.resourceUsage().maxRSS * 1024,
        },
        timeliness,
      },
      deterministic: {
        accuracy,
        outputs: Object.fromEntries(Object.entries(sinks).map(([name, sink]) => [name, sink.digest()])),
        ...(sinks.features && sinks.predictions && sinks.scored
          ? { delivery: deliveryOf(sinks.features.outputs, sinks.predictions.outputs, sinks.scored.outputs) }
          : {}),
        input: {
          events: source.ingested,
          rejected: input.rejects.count,
          rejectedByKind: { ...input.rejects.byKind },
          rejectedSamples: input.rejects.samples.map((r) => ({ ...r })),
        },
      },
      counters: report.counters as Record<string, number>,
      engineMetrics: report.metrics as Record<string, number>,
      ...recoveryOf(recovery, startAt),
      ...optional('workloadFigures', workloadFigures(bound, spec)),
      ...(modelRuntime ? { modelRuntime } : {}),
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

/** `{ [key]: value }` when the value is defined, else nothing to spread. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** The `recovery` field of an in-process run in which the engine reported faults, else nothing. */
function recoveryOf(log: RecoveryLog, startAt: number) {
  const faults = log.recoveries(startAt);
  return faults.length === 0 ? {} : { recovery: { faults, execution: 'in-process' as const } };
}

export function pacingOf(config: RunConfig): Pacing {
  const d = config.driver;
  if (d.pacing === 'rate') return { mode: 'rate', eventsPerSec: d.rate };
  if (d.pacing === 'speed') return { mode: 'speed', factor: d.speed };
  return { mode: 'unpaced' };
}

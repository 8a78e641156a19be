/**
 * The run configuration: one zod schema with every default, so a config file, CLI flags and the
 * results JSON all speak the same shape. Documented in docs/contracts.md.
 */
import { z } from 'zod';
import { FORMAT_NAMES } from '../../datasets/formats/registry.js';
import { ENGINE_NAMES } from '../../engines/registry.js';
import { ALERT_MODELS, ALERTS_WORKLOAD, AlertsConfig } from '../../workloads/alerts/config.js';
import { CryptoConfig, MODEL_NAMES } from '../../workloads/crypto/config.js';
import { TF_BACKENDS } from '../../workloads/crypto/models/lstm/tf-runtime.js';
import { WORKLOAD_NAME } from '../../workloads/crypto/plan.js';
import { FaultPlan } from '../faults/fault-plan.js';
import { LOCAL_BROKERS } from '../kafka/client.js';

export const GeneratorSettings = z
  .object({
    messages: z.number().int().min(1).default(120_000),
    messagesPerSecond: z.number().positive().default(400),
    products: z.array(z.string().min(1)).min(1).optional(),
    outOfOrderFraction: z.number().min(0).max(1).optional(),
    maxDelayMs: z.number().min(0).optional(),
    duplicateFraction: z.number().min(0).max(1).optional(),
  })
  .strict();

export const KafkaSettings = z
  .object({
    brokers: z
      .array(z.string().min(1))
      .min(1)
      .default([...LOCAL_BROKERS]),
    topic: z.string().min(1),
    /** Also write predictions to this topic (--kafka-sink-topic). */
    sinkTopic: z.string().min(1).optional(),
    /** transactional: one transaction per run, committed at its end (read_committed sees all or none). */
    sinkMode: z.enum(['plain', 'transactional']).default('transactional'),
  })
  .strict();

export const DriverSettings = z
  .object({
    /** rate: fixed events/s; speed: a multiple of recorded time; unpaced: as fast as possible. */
    pacing: z.enum(['rate', 'speed', 'unpaced']).default('rate'),
    rate: z.number().positive().default(20_000),
    speed: z.number().positive().default(1),
    /** Wall time at the start of each run excluded from latency and throughput figures. */
    warmupMs: z.number().min(0).default(1500),
  })
  .strict();

export const RunConfig = z
  .object({
    /** The crypto predictor, or price alerts (`--workload alerts`: delta, count and session windows). */
    workload: z.enum([WORKLOAD_NAME, ALERTS_WORKLOAD]).default(WORKLOAD_NAME),
    /** Every in-process engine by default, so `npm run bench` compares them all; external ones (flink-real) only by name. */
    engines: z
      .array(z.string())
      .min(1)
      .default([...ENGINE_NAMES]),
    /** Every model by default, so `npm run bench` compares them all. */
    models: z
      .array(z.enum([...MODEL_NAMES, ...ALERT_MODELS]))
      .min(1)
      .default([...MODEL_NAMES]),
    /** TensorFlow.js backend of the lstm model; auto = tfjs-node when installed, else wasm. */
    tfBackend: z.enum(TF_BACKENDS).default('auto'),
    /** The generators' PRNGs take 32-bit seeds. */
    seed: z.number().int().min(0).max(0xffff_ffff).default(42),
    data: z
      .object({
        /** The seeded generator (default), or recorded market data (any format in datasets/formats). */
        source: z.enum(['generator', 'file', 'kafka']).default('generator'),
        /** One recording, or several merged by event time (plain or gzip). */
        file: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
        /** Read the files as this format instead of detecting it from their content. */
        format: z.enum(FORMAT_NAMES).optional(),
        /** Replay at most this many events of the recording (all of it by default). */
        maxEvents: z.number().int().min(1).optional(),
        generator: GeneratorSettings.prefault({}),
        /** A topic loaded by `flinkcoin produce`, replayed up to its end offsets at the run's start. */
        kafka: KafkaSettings.optional(),
      })
      .strict()
      .refine((d) => d.source !== 'kafka' || d.kafka !== undefined, {
        message: 'data.source "kafka" needs data.kafka.topic (--topic)',
        path: ['kafka'],
      })
      .refine((d) => d.source !== 'file' || d.file !== undefined, {
        message: 'data.source "file" needs data.file (the path of a recording, or a list of them)',
        path: ['file'],
      })
      .prefault({}),
    driver: DriverSettings.prefault({}),
    workloadConfig: CryptoConfig.prefault({}),
    /** The alerts workload's settings (its watermark bound is `workloadConfig.maxOutOfOrdernessMs`). */
    alerts: AlertsConfig.prefault({}),
    /** Knobs per engine name, e.g. { flink: { bufferTimeoutMs: 0 } }; validated by each engine. */
    engine: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** Each engine × model in a fresh process (default), or all in this one (debugging). */
    isolation: z.enum(['fresh-process', 'in-process']).default('fresh-process'),
    /**
     * A fault plan (`--faults`, harness/faults/fault-plan.ts): when set, every engine × model runs as a fault
     * run — the engine in a worker process the harness kills and restarts, the driver in the bench's process.
     */
    faults: FaultPlan.nullable().default(null),
    /** A fresh-process run still going after this long is killed and reported as errored (a hung engine). */
    runTimeoutMs: z.number().int().positive().default(600_000),
    outDir: z.string().default('results'),
  })
  .strict();
export type RunConfig = z.infer<typeof RunConfig>;

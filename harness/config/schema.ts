/**
 * The run configuration: one zod schema with every default, so a config file, CLI flags and the
 * results JSON all speak the same shape. Documented in docs/contracts.md.
 */
import { z } from 'zod';
import { ENGINE_NAMES } from '../../engines/registry.js';
import { CryptoConfig, MODEL_NAMES } from '../../workloads/crypto/config.js';
import { WORKLOAD_NAME } from '../../workloads/crypto/plan.js';

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
    workload: z.literal(WORKLOAD_NAME).default(WORKLOAD_NAME),
    /** Every registered engine by default, so `npm run bench` compares them all. */
    engines: z
      .array(z.string())
      .min(1)
      .default([...ENGINE_NAMES]),
    models: z.array(z.enum(MODEL_NAMES)).min(1).default(['persistence', 'linear']),
    /** The generators' PRNGs take 32-bit seeds. */
    seed: z.number().int().min(0).max(0xffff_ffff).default(42),
    data: z
      .object({
        /** The seeded generator (default), or a recorded Coinbase ws-feed file (`.jsonl`, `.jsonl.gz`). */
        source: z.enum(['generator', 'file']).default('generator'),
        file: z.string().min(1).optional(),
        generator: GeneratorSettings.prefault({}),
      })
      .strict()
      .refine((d) => d.source !== 'file' || d.file !== undefined, {
        message: 'data.source "file" needs data.file (the path of a recording)',
        path: ['file'],
      })
      .prefault({}),
    driver: DriverSettings.prefault({}),
    workloadConfig: CryptoConfig.prefault({}),
    /** Knobs per engine name, e.g. { flink: { bufferTimeoutMs: 0 } }; validated by each engine. */
    engine: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** Each engine × model in a fresh process (default), or all in this one (debugging). */
    isolation: z.enum(['fresh-process', 'in-process']).default('fresh-process'),
    outDir: z.string().default('results'),
  })
  .strict();
export type RunConfig = z.infer<typeof RunConfig>;

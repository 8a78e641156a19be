/**
 * The Flink-style engine's knobs, named and defaulted as in Apache Flink. Sources, as cited in
 * ../shared/reference/engine-semantics.md §1 and §5.2:
 *   bufferTimeoutMs          execution.buffer-timeout.interval = 100 ms; 0 flushes every record   [F-EXEC]
 *   networkBufferBytes       taskmanager.memory.segment-size = 32 KiB                             [F-TM]
 *   buffersPerChannel        taskmanager.network.memory.buffers-per-channel = 2                   [F-NET]
 *   floatingBuffersPerGate   taskmanager.network.memory.floating-buffers-per-gate = 8             [F-NET]
 *   maxBuffersPerChannel     taskmanager.network.memory.max-buffers-per-channel = 10 (sender side)
 *   autoWatermarkIntervalMs  pipeline.auto-watermark-interval = 200 ms                            [F-PIPE]
 *   operatorChaining         pipeline.operator-chaining.enabled = true                            [F-PIPE]
 *   maxParallelism           min(max(roundUpPow2(1.5 p), 128), 32768)                             [F-KGRA]
 * Checkpointing and recovery (CheckpointingOptions [F-CKPT] [F-CKPT-OLD], RestartStrategyOptions [F-RS]):
 *   checkpointIntervalMs     execution.checkpointing.interval: none = checkpointing disabled      [F-CKPT] [F-SSP]
 *   checkpointingMode        execution.checkpointing.mode = EXACTLY_ONCE (aligned barriers);
 *                            AT_LEAST_ONCE tracks barriers without blocking inputs                 [F-CKPT]
 *   checkpointStorage        execution.checkpointing.dir (1.x state.checkpoints.dir): unset = in JobManager
 *                            memory (JobManagerCheckpointStorage); a directory = one checksummed file per
 *                            checkpoint (engines/shared/durable-store.ts), this run's only. The job's
 *                            state directory (JobSpec.stateDir, not a knob) overrides it: checkpoints go to
 *                            <stateDir>/checkpoints and a new process resumes from the newest there
 *   Exactly-once output: with checkpointingMode EXACTLY_ONCE and checkpoints on, a sink whose writer has
 *   commitTransaction is a two-phase-commit sink (Flink's TwoPhaseCommitSinkFunction; KafkaSink
 *   DeliveryGuarantee.EXACTLY_ONCE) whose transactions commit when their checkpoint completes [F-KC]
 *   checkpointsRetained      execution.checkpointing.num-retained (1.x state.checkpoints.num-retained) = 1
 *   restartStrategy          restart-strategy.type has no default: none when checkpointing is off,
 *                            exponential-delay when it is on (Flink ≥ 1.19, FLIP-364)              [F-RS]
 *   exponentialDelay*        restart-strategy.exponential-delay.initial-backoff 1 s, max-backoff 1 min,
 *                            backoff-multiplier 1.5, reset-backoff-threshold 1 h, jitter-factor 0.1,
 *                            attempts-before-reset-backoff Integer.MAX_VALUE                       [F-RS]
 *   fixedDelay*              restart-strategy.fixed-delay.attempts 1, .delay 1 s                   [F-RS]
 *   Fixed, as Flink's defaults: max-concurrent-checkpoints 1, min-pause 0, tolerable-failed-checkpoints 0
 *   (a checkpoint that cannot be stored fails the job over), failover-strategy region (the whole job:
 *   every edge is pipelined and keyed exchanges are all-to-all) [F-CKPT] [F-JM].
 * Departures, and why:
 *   parallelism              default 2 (not the cluster's slot count) so keyed exchanges are real.
 *   recordBytes              this engine moves objects, not serialized bytes: a buffer holds
 *                            networkBufferBytes / recordBytes records (64 B ≈ a market event in Flink's
 *                            POJO serializer), which keeps Flink's records-per-buffer economics.
 *   bufferTimeoutMs: null    = Flink's execution.buffer-timeout.enabled=false (flush only when full).
 *   checkpointIntervalMs     no lower bound of 10 ms (Flink's MINIMAL_CHECKPOINT_TIME) so tests can be quick.
 *   failAtEvent              the fault hook until the failure-injection issue generalises it (as the Naiad
 *                            engine's): the operator fed by a source throws when source record N reaches it.
 */
import { z } from 'zod';

/** Flink's Integer.MAX_VALUE: "unbounded" attempts, as restart-strategy.exponential-delay.attempts-before-reset-backoff. */
export const UNBOUNDED_ATTEMPTS = 2_147_483_647;

/** The knobs `job.config` is parsed with (strict: an unknown knob is an error). */
export const FlinkConfig = z
  .object({
    parallelism: z.number().int().min(1).max(64).default(2),
    maxParallelism: z.number().int().min(1).max(32768).optional(),
    operatorChaining: z.boolean().default(true),
    bufferTimeoutMs: z.number().min(0).nullable().default(100),
    networkBufferBytes: z.number().int().min(64).default(32768),
    recordBytes: z.number().int().min(1).default(64),
    buffersPerChannel: z.number().int().min(1).default(2),
    floatingBuffersPerGate: z.number().int().min(0).default(8),
    maxBuffersPerChannel: z.number().int().min(1).default(10),
    autoWatermarkIntervalMs: z.number().min(0).default(200),
    /** Records a source reads per scheduling turn before other subtasks run (cooperative scheduling). */
    sourceBatchSize: z.number().int().min(1).default(512),
    checkpointIntervalMs: z.number().min(1).nullable().default(null),
    checkpointingMode: z.enum(['EXACTLY_ONCE', 'AT_LEAST_ONCE']).default('EXACTLY_ONCE'),
    checkpointStorage: z.string().min(1).optional(),
    checkpointsRetained: z.number().int().min(1).default(1),
    restartStrategy: z.enum(['exponential-delay', 'fixed-delay', 'none']).optional(),
    exponentialDelayInitialBackoffMs: z.number().min(1).default(1000),
    exponentialDelayMaxBackoffMs: z.number().min(1).default(60_000),
    exponentialDelayBackoffMultiplier: z.number().gt(1).default(1.5),
    exponentialDelayResetBackoffThresholdMs: z.number().min(1).default(3_600_000),
    exponentialDelayJitterFactor: z.number().min(0).max(1).default(0.1),
    exponentialDelayAttempts: z.number().int().min(1).default(UNBOUNDED_ATTEMPTS),
    fixedDelayAttempts: z.number().int().min(0).default(1),
    fixedDelayMs: z.number().min(0).default(1000),
    failAtEvent: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((c) => c.exponentialDelayInitialBackoffMs <= c.exponentialDelayMaxBackoffMs, {
    message: 'exponentialDelayInitialBackoffMs cannot be higher than exponentialDelayMaxBackoffMs',
    path: ['exponentialDelayInitialBackoffMs'],
  });
/** Parsed knobs, every default filled in. */
export type FlinkConfig = z.infer<typeof FlinkConfig>;

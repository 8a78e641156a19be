/**
 * The Storm-style engine's knobs, named and defaulted as in Apache Storm 2.x. Sources, as cited in
 * ../shared/reference/engine-semantics.md §3 and §5.4 (tags point to its §8):
 *   workers                topology.workers = 1                                                  [ST-DEF]
 *   ackers                 topology.acker.executors = null ⇒ one acker per worker; 0 turns reliability
 *                          off (the spout acks at once: at-most-once)                       [ST-DEF] [ST-SC]
 *   messageTimeoutMs       topology.message.timeout.secs = 30; the spout's pending map has 2 buckets
 *                          rotated every timeout, so a lost tree fails 30–60 s after emission [ST-SE] [ST-RM]
 *                          null (the default) = 30 s, raised to the plan's longest window duration when
 *                          that is longer: Storm refuses a windowed bolt whose length + slide exceeds the
 *                          timeout, so its users raise the timeout for long (e.g. 1-minute candle) windows.
 *   enableMessageTimeouts  topology.enable.message.timeouts = true                              [ST-DEF]
 *   maxSpoutPending        topology.max.spout.pending = null (unbounded); per spout task       [ST-DEF] [ST-SE]
 *   receiveBufferSize      topology.executor.receive.buffer.size = 32768 (a power of two)       [ST-DEF]
 *   producerBatchSize      topology.producer.batch.size = 1                                     [ST-DEF]
 *   transferBatchSize      topology.transfer.batch.size = 1                                     [ST-DEF]
 *   transferBufferSize     topology.transfer.buffer.size = 1000 (the ring rounds it up to 1024, as
 *                          JCTools rounds a queue's capacity to a power of two)                 [ST-DEF]
 *   batchFlushIntervalMs   topology.batch.flush.interval.millis = 1 (no flush tuples while both batch
 *                          sizes are 1)                                                         [ST-DEF]
 *   watermarkIntervalMs    topology.bolts.watermark.event.interval.ms: WindowedBoltExecutor's
 *                          DEFAULT_WATERMARK_EVENT_INTERVAL_MS = 1000 (apache/storm
 *                          storm-client/.../topology/WindowedBoltExecutor.java, docs/Windowing.md)
 *   stateful               Storm's stateful bolts (IStatefulBolt, StatefulBoltExecutor): a $checkpointspout
 *                          runs prepare/commit transactions every topology.state.checkpoint.interval.ms =
 *                          1000 (CheckpointSpout raises anything below 100 to 100), state in
 *                          InMemoryKeyValueState; null (the default) = plain bolts, state in memory and
 *                          never saved (Storm core)                                      [ST-STATE] [ST-DEF]
 *   offsetCommitPeriodMs   storm-kafka-client's KafkaSpoutConfig offset.commit.period.ms = 30000: how
 *                          often the spouts commit their highest contiguous acked source positions
 *                          (only with the job's stateDir; also committed when a spout finishes)
 *                          (apache/storm external/storm-kafka-client/.../KafkaSpoutConfig.java,
 *                          DEFAULT_OFFSET_COMMIT_PERIOD_MS)
 * Departures, and why:
 *   parallelism            executors per bolt, default 2 (every FlinkCoin engine's knob) so that fields
 *                          groupings are real exchanges; spouts get one executor per source split.
 *   messageTimeoutMs       Storm's unit is whole seconds; milliseconds let a test use a 200 ms timeout.
 *   spoutBatchSize         emulation knob, not Storm's: how many times a spout calls nextTuple per
 *                          scheduling turn (one thread stands in for every executor thread).
 *   failEveryNthTuple      fault injection until the failure-injection issue generalises it: every bolt
 *                          executor fails its every Nth data tuple after executing it (0 = off; 1 would
 *                          fail every tree forever), so the tree is replayed and its effects repeat.
 *   dropEveryNthTuple      fault injection: every bolt executor loses its every Nth data tuple before
 *                          executing it, neither acking nor failing it (a tuple lost with a dead
 *                          worker), so only the message timeout can replay it (0 = off).
 */
import { z } from 'zod';

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;
const nthTuple = z
  .number()
  .int()
  .min(0)
  .refine((n) => n !== 1, 'must be 0 (off) or at least 2: failing every tuple would replay forever')
  .default(0);

/** The knobs `job.config` is parsed with (strict: an unknown knob is an error). */
/** topology.message.timeout.secs = 30 (Storm's default). */
export const DEFAULT_MESSAGE_TIMEOUT_MS = 30_000;

export const StormConfig = z
  .object({
    parallelism: z.number().int().min(1).max(64).default(2),
    workers: z.number().int().min(1).max(64).default(1),
    ackers: z.number().int().min(0).max(64).nullable().default(null),
    messageTimeoutMs: z.number().int().min(1).nullable().default(null),
    enableMessageTimeouts: z.boolean().default(true),
    maxSpoutPending: z.number().int().min(1).nullable().default(null),
    receiveBufferSize: z
      .number()
      .int()
      .refine(isPowerOfTwo, 'receiveBufferSize must be a power of two (as Storm requires)')
      .default(32768),
    producerBatchSize: z.number().int().min(1).default(1),
    transferBatchSize: z.number().int().min(1).default(1),
    transferBufferSize: z.number().int().min(1).default(1000),
    batchFlushIntervalMs: z.number().min(0).default(1),
    watermarkIntervalMs: z.number().min(1).default(1000),
    stateful: z
      .object({
        checkpointIntervalMs: z
          .number()
          .default(1000)
          .transform((ms) => Math.max(100, ms)),
      })
      .strict()
      .nullable()
      .default(null),
    offsetCommitPeriodMs: z.number().int().min(1).default(30_000),
    spoutBatchSize: z.number().int().min(1).default(512),
    failEveryNthTuple: nthTuple,
    dropEveryNthTuple: nthTuple,
  })
  .strict();
/** Parsed knobs, every default filled in. */
export type StormConfig = z.infer<typeof StormConfig>;

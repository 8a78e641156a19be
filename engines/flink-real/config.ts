/**
 * The `flink-real` engine's knobs. Where a knob is a Flink setting it keeps Flink's name and default
 * (Flink 2.2 configuration reference, as engines/flink/config.ts cites them):
 *   parallelism              parallelism.default; the Kafka source and the sink stay at 1 (one partition)
 *   autoWatermarkIntervalMs  pipeline.auto-watermark-interval = 200 ms
 *   bufferTimeoutMs          execution.buffer-timeout.interval = 100 ms
 *   checkpointIntervalMs     execution.checkpointing.interval: Flink has none by default, but the Kafka
 *                            sink's EXACTLY_ONCE commits one transaction per checkpoint, so outputs become
 *                            visible to read_committed readers only at checkpoints: 1 s here, and every
 *                            output's latency includes up to one interval
 *   checkpointsRetained      execution.checkpointing.num-retained (Flink: 1; 2 here, so a kill during a
 *                            checkpoint's write still leaves a complete one to restore)
 * The adapter's own:
 *   rest                     a Flink cluster's REST address (`--flink-rest`): submit the job jar there
 *                            instead of starting a MiniCluster JVM
 *   brokers                  the Kafka cluster the job reads and writes (the local broker by default)
 *   killAtEvent              fault run: SIGKILL the job's JVM once this many events were fed, then start
 *                            a new JVM restoring the latest retained checkpoint (local mode only)
 *   topicPrefix              the run's topics are <prefix>-in and <prefix>-out, and the sink's transactional
 *                            ids start with it (default: flinkcoin-real-<time>-<pid>, new each run)
 *   jvmHeapMb, startTimeoutMs, keepTopics (leave the run's input and output topics on the broker)
 */
import { z } from 'zod';
import { LOCAL_BROKERS } from '../../harness/kafka/client.js';

export const FlinkRealConfig = z
  .object({
    rest: z.string().url().nullable().default(null),
    brokers: z
      .array(z.string().min(1))
      .min(1)
      .default([...LOCAL_BROKERS]),
    parallelism: z.number().int().min(1).default(1),
    autoWatermarkIntervalMs: z.number().int().min(1).default(200),
    bufferTimeoutMs: z.number().int().min(0).default(100),
    checkpointIntervalMs: z.number().int().min(10).default(1000),
    checkpointsRetained: z.number().int().min(1).default(2),
    killAtEvent: z.number().int().min(1).nullable().default(null),
    jvmHeapMb: z.number().int().min(256).default(1024),
    startTimeoutMs: z.number().int().min(1000).default(120_000),
    keepTopics: z.boolean().default(false),
    topicPrefix: z.string().min(1).nullable().default(null),
  })
  .strict();
export type FlinkRealConfig = z.infer<typeof FlinkRealConfig>;

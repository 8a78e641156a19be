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
 * Departures, and why:
 *   parallelism              default 2 (not the cluster's slot count) so keyed exchanges are real.
 *   recordBytes              this engine moves objects, not serialized bytes: a buffer holds
 *                            networkBufferBytes / recordBytes records (64 B ≈ a market event in Flink's
 *                            POJO serializer), which keeps Flink's records-per-buffer economics.
 *   bufferTimeoutMs: null    = Flink's execution.buffer-timeout.enabled=false (flush only when full).
 */
import { z } from 'zod';

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
  })
  .strict();
export type FlinkConfig = z.infer<typeof FlinkConfig>;

/**
 * The Naiad-style engine's knobs, named and defaulted as in Naiad / Rust timely-dataflow. Sources, as
 * cited in ../shared/reference/engine-semantics.md §4 and §5.5:
 *   progressMode       timely's ProgressMode, `#[default] Demand` (Eager optional)          [TD-SRC-WORKER]
 *   bufferBytes        timely's BUFFER_SIZE_BYTES = 1 << 13 = 8 KiB per channel buffer      [TD-SRC-BUF]
 *   checkpoint         absent = Rust timely (no fault tolerance); { everyEpochs } = Naiad's
 *                      periodic global checkpoint of every stateful vertex, rollback on failure [NAIAD §3.4]
 * Departures, and why:
 *   parallelism        workers; timely's `-w` defaults to 1 [TD-README], here 2 (like every FlinkCoin
 *                      engine) so that Exchange channels and the progress broadcast are real.
 *   maxParallelism     Flink's key groups, used by the Exchange pact so every engine partitions keys
 *                      identically (engines/shared/key-groups.ts); default as Flink's [F-KGRA].
 *   recordBytes        timely sizes buffers as 8 KiB / size_of::<T>(); records here are objects, so a
 *                      message holds bufferBytes / recordBytes records (64 B, as the Flink engine's).
 *   epochMs            timely leaves epochs to the program's `advance_to`; here an epoch is an event-time
 *                      interval (default: gcd of the plan's window sizes, 1000 ms without windows; see
 *                      epochs.ts) and each input closes one when its watermark passes it.
 *   inputBatchSize     records an input reads per worker step: the `input.send` loop a timely program
 *                      runs between `worker.step()` calls (no timely default).
 *   checkpoint.everyEpochs  N epochs completed at the global frontier between checkpoints. They are kept
 *                      in memory, or with the job's state directory (JobSpec.stateDir) in checksummed
 *                      files at <stateDir>/checkpoints, from which a new process of the job resumes.
 *   checkpoint.retained     durable checkpoints kept (default 1, as Flink's num-retained): the newest
 *                      complete one is restored; 2 or more leave one to fall back on if the newest is
 *                      damaged after it was written.
 *   failAtEvent        the fault hook (fault.ts), off by default, until the failure-injection issue
 *                      generalises it: a worker fails while receiving input event N.
 */
import { z } from 'zod';

/** The knobs `job.config` is parsed with (strict: an unknown knob is an error). */
export const NaiadConfig = z
  .object({
    parallelism: z.number().int().min(1).max(64).default(2),
    maxParallelism: z.number().int().min(1).max(32768).optional(),
    epochMs: z.number().int().min(1).optional(),
    progressMode: z.enum(['demand', 'eager']).default('demand'),
    bufferBytes: z.number().int().min(64).default(8192),
    recordBytes: z.number().int().min(1).default(64),
    inputBatchSize: z.number().int().min(1).default(1024),
    checkpoint: z
      .object({ everyEpochs: z.number().int().min(1), retained: z.number().int().min(1).default(1) })
      .strict()
      .optional(),
    failAtEvent: z.number().int().min(1).optional(),
  })
  .strict();
/** Parsed knobs, every default filled in. */
export type NaiadConfig = z.infer<typeof NaiadConfig>;

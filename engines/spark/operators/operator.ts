/**
 * The contract of a batch operator (one per plan node and partition, living across micro-batches so
 * that stateful ones keep their state store): an operator is handed its partition's input rows for the
 * batch as column batches (chunks of up to CHUNK_ROWS rows), loops over each whole chunk, and is asked
 * to finish once all of its input for the batch has been seen. Its output goes to the next operators of
 * the stage a chunk at a time (Spark's vectorized execution inside a whole stage, see
 * execution/stage-pipeline.ts).
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { ChunkOutput, RowChunk } from '../rows.js';
import type { StateRows } from '../state/state-store.js';

/** What an operator knows about the micro-batch it runs in. */
export interface BatchInfo {
  readonly batchId: number;
  /** Event-time watermark for the whole batch (computed from earlier batches, Spark's rule). */
  readonly watermark: Millis;
}

/** What the task runner calls, per batch: open, process every input chunk, finish. */
export interface BatchOperator {
  /** A micro-batch starts. */
  open(batch: BatchInfo): void;
  /** Processes one chunk of input `input` (0, or 1 for a right input), appending results to `out`. */
  process(input: number, rows: RowChunk, out: ChunkOutput): void;
  /** Every input row of the batch was seen: emit what the watermark makes due. */
  finish(out: ChunkOutput): void;
}

/** A stateful operator: its keyed state is a state store's rows, committed once per batch. */
export interface StatefulOperator extends BatchOperator {
  readonly state: StateRows;
  /** The store was loaded at a version (a restarted query): rebuild what derives from state. */
  stateLoaded(): void;
}

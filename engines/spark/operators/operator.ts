/**
 * The contract of a batch operator (one per plan node and partition, living across micro-batches so
 * that stateful ones keep their state store): batch at a time, an operator is handed its partition's
 * input rows for the batch, in slices so the executor can yield to the event loop between them, and
 * only then asked to finish. The whole batch's input passes through one operator before the next
 * operator of the task runs.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { RowChunk, Rows } from '../rows.js';
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
  process(input: number, rows: RowChunk, out: Rows): void;
  /** Every input row of the batch was seen: emit what the watermark makes due. */
  finish(out: Rows): void;
}

/** A stateful operator: its keyed state is a state store's rows, committed once per batch. */
export interface StatefulOperator extends BatchOperator {
  readonly state: StateRows;
  /** The store was loaded at a version (a restarted query): rebuild what derives from state. */
  stateLoaded(): void;
}

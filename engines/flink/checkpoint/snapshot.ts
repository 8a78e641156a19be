/**
 * What a checkpoint holds (Flink's CompletedCheckpoint with its operator state handles), as plain data
 * in the codec of engines/shared/snapshot-codec.ts:
 *
 *   checkpoint ── tasks by subtask name ──┬─ input      a source's reader position and watermark generator,
 *                                         │             or a subtask's input watermarks
 *                                         ├─ operators  each chained stateful operator's state, by node name
 *                                         └─ counters   the subtask's counters
 *
 * Each subtask encodes its own snapshot when its barrier is aligned (the synchronous part of Flink's
 * snapshot); the coordinator splices the texts into one document when the last one arrives.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { SourcePosition } from '../../contract.js';
import { decodeSnapshot } from '../../shared/snapshot-codec.js';

/** An operator with state a checkpoint must hold (Flink's StreamOperator snapshotState / initializeState). */
export interface StatefulOperator {
  /**
   * Plain data for the codec; may reference live objects, the task encodes it at once. `checkpointId` is
   * the checkpoint whose barrier is aligned, or null for a finished task's final snapshot (FLIP-147).
   */
  snapshotState(checkpointId: number | null): unknown;
  /** Takes a decoded snapshot's state, before the first record. */
  initializeState(state: unknown): void;
}

/** An operator told when a checkpoint completed (Flink's CheckpointListener): a two-phase-commit sink. */
export interface CheckpointListener {
  notifyCheckpointComplete(checkpointId: number): void;
}

export function isCheckpointListener<T extends object>(op: T): op is T & CheckpointListener {
  return typeof (op as Partial<CheckpointListener>).notifyCheckpointComplete === 'function';
}

/** A source subtask's input: where its reader is, and its bounded-out-of-orderness generator. */
export interface SourceInputState {
  readonly position: SourcePosition;
  readonly maxTs: Millis;
  readonly emittedWatermark: Millis;
}

/** A non-source subtask's input: its watermark and each input channel's, in deployment order. */
export interface ChannelInputState {
  readonly watermark: Millis;
  readonly channels: readonly Millis[];
}

/** One subtask's part of a checkpoint. */
export interface TaskSnapshot {
  readonly input: SourceInputState | ChannelInputState;
  readonly operators: Readonly<Record<string, unknown>>;
  readonly counters: readonly [string, number][];
}

/** A completed checkpoint, as stored (one JSON document). */
export interface CompletedCheckpoint {
  readonly id: number;
  readonly mode: 'EXACTLY_ONCE' | 'AT_LEAST_ONCE';
  readonly triggeredAt: Millis;
  readonly completedAt: Millis;
  readonly tasks: Readonly<Record<string, TaskSnapshot>>;
}

/** Splices the subtasks' encoded snapshots into the checkpoint document, without re-encoding them. */
export function assembleCheckpoint(
  header: Omit<CompletedCheckpoint, 'tasks'>,
  tasks: ReadonlyMap<string, string>,
): string {
  const parts: string[] = [];
  for (const [name, text] of tasks) parts.push(`${JSON.stringify(name)}:${text}`);
  const head = JSON.stringify(header);
  return `${head.slice(0, -1)},"tasks":{${parts.join(',')}}}`;
}

/** A stored checkpoint document → the checkpoint, every number as it was snapshotted. */
export function parseCheckpoint(text: string): CompletedCheckpoint {
  return decodeSnapshot<CompletedCheckpoint>(text);
}

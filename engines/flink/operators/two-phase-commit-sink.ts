/**
 * The exactly-once sink operator (Flink's TwoPhaseCommitSinkFunction, as KafkaSink with
 * DeliveryGuarantee.EXACTLY_ONCE uses it), for a writer that offers `commitTransaction`:
 *
 *   record            ─▶ appended to the open transaction (nothing is visible yet)
 *   barrier n aligned ─▶ preCommit: the open transaction becomes pending transaction n and goes into
 *                        this subtask's snapshot of checkpoint n; a new one opens
 *   end of input      ─▶ the open transaction becomes pending as well (id: the last barrier + 1), in
 *                        the final snapshot (FLIP-147: the job's final checkpoint commits it)
 *   checkpoint n complete (notifyCheckpointComplete)
 *                     ─▶ commit every pending transaction ≤ n: commitTransaction({task, id}, records)
 *   restore of checkpoint n (initializeState)
 *                     ─▶ recoverAndCommit: commit the snapshot's pending transactions again (the writer
 *                        ignores one it already has) and drop whatever was open after the barrier
 *
 * So a transaction holds exactly the outputs of the input before its checkpoint's source positions, and
 * after any failure and restore the committed transactions are the failure-free run's outputs, each
 * once. The price is Flink's: outputs become visible only when a checkpoint completes. A commit that
 * returns a promise stalls the subtask until it settles (backpressure, as a slow `write`).
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { OutputRecord, SinkWriter } from '../../contract.js';
import type { CheckpointListener, StatefulOperator } from '../checkpoint/snapshot.js';
import type { Link } from './link.js';
import type { Stall } from './sink.js';

/** A pre-committed transaction: checkpoint `id`'s outputs, waiting for the checkpoint to complete. */
interface PendingTransaction {
  readonly id: number;
  readonly records: OutputRecord[];
}

/** The sink's part of a checkpoint. */
interface TwoPhaseCommitState {
  readonly lastCheckpointId: number;
  readonly pending: readonly PendingTransaction[];
}

/** Transactions handed to the writer, over all sink subtasks of a run (engine metrics). */
export class TransactionStats {
  committed = 0;
  /** Of those, commits of a restored pending transaction (the writer may already have it). */
  recommitted = 0;
}

export class TwoPhaseCommitSinkLink implements Link, StatefulOperator, CheckpointListener {
  private open: OutputRecord[] = [];
  private pending: PendingTransaction[] = [];
  /** The last checkpoint whose barrier this subtask aligned (restored with its state). */
  private lastCheckpointId = 0;
  private inFlight: Promise<void> | null = null;

  constructor(
    /** The sink subtask's name: the `task` of its TransactionIds, stable across restarts. */
    private readonly task: string,
    private readonly writer: SinkWriter & Required<Pick<SinkWriter, 'commitTransaction'>>,
    private readonly idOf: (value: unknown) => string,
    private readonly stall: Stall,
    private readonly stats: TransactionStats,
  ) {}

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.open.push({ id: this.idOf(value), value, ts, createdAt, ingestedAt });
  }

  watermark(): void {}

  /** Writers are shared by the sink's subtasks: the engine closes each once, after the last subtask. */
  finish(): void {}

  snapshotState(checkpointId: number | null): TwoPhaseCommitState {
    const id = checkpointId ?? this.lastCheckpointId + 1;
    if (checkpointId !== null) this.lastCheckpointId = checkpointId;
    if (this.open.length > 0 || checkpointId !== null) {
      this.pending.push({ id, records: this.open });
      this.open = [];
    }
    return { lastCheckpointId: this.lastCheckpointId, pending: this.pending };
  }

  notifyCheckpointComplete(checkpointId: number): void {
    const due = this.pending.filter((t) => t.id <= checkpointId);
    if (due.length === 0) return;
    this.pending = this.pending.filter((t) => t.id > checkpointId);
    this.commit(due);
  }

  /** recoverAndCommit: the restored checkpoint completed, so its pending transactions commit now. */
  initializeState(state: unknown): void {
    const restored = state as TwoPhaseCommitState;
    this.lastCheckpointId = restored.lastCheckpointId;
    this.open = [];
    this.pending = [];
    this.commit(restored.pending);
    this.stats.recommitted += restored.pending.length;
  }

  private commit(transactions: readonly PendingTransaction[]): void {
    const waits: Promise<void>[] = [];
    for (const t of transactions) {
      const done = this.writer.commitTransaction({ task: this.task, id: t.id }, t.records);
      this.stats.committed++;
      if (done !== undefined) waits.push(done);
    }
    if (waits.length === 0) return;
    // The subtask waits for every commit still in flight, not only for the newest.
    const settled = Promise.all([this.inFlight, ...waits]).then(() => undefined);
    this.inFlight = settled;
    this.stall.stall(settled);
  }
}

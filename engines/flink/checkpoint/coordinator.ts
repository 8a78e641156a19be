/**
 * The checkpoint coordinator (Flink's CheckpointCoordinator on the JobManager), driving asynchronous
 * barrier snapshotting [ABS] [F-SSP]:
 *
 *   every checkpointIntervalMs (processing time), if no checkpoint is in flight:
 *     trigger n ─▶ each running source subtask records its reader position and emits barrier n
 *     each subtask, once barrier n is aligned on its inputs ─▶ acknowledgeCheckpoint(n, snapshot)
 *     all subtasks acknowledged ─▶ checkpoint n is complete: stored, the newest `retained` kept
 *
 * A subtask that has finished acknowledges with its final snapshot (checkpoints with finished tasks,
 * FLIP-147), so a job whose sources end at different times keeps checkpointing; once every task has
 * finished, the job's final checkpoint is taken from their final snapshots (FLIP-147's final checkpoint,
 * which lets two-phase-commit sinks commit their last transaction before the job ends). Checkpoint ids
 * keep rising across restarts, as Flink's CheckpointIDCounter, and across processes: a coordinator on
 * a job's state directory starts above the highest id stored there.
 *
 * Completion: the checkpoint is stored durably first, then every CheckpointListener of the deployment
 * hears notifyCheckpointComplete (a two-phase-commit sink commits there; with a plain writer the outputs
 * after the last completed checkpoint are written again on recovery, Flink's DeliveryGuarantee.NONE).
 *
 * Departure: Flink delays the first checkpoint by a random time in [min-pause, interval] to spread
 * jobs; here it comes one interval after (re)deployment, so runs are repeatable.
 */
import type { Clock } from '../../contract.js';
import type { SourceTask } from '../runtime/source-task.js';
import type { AlignmentListener } from './barrier-handler.js';
import {
  assembleCheckpoint,
  type CheckpointListener,
  type CompletedCheckpoint,
  parseCheckpoint,
} from './snapshot.js';
import type { CheckpointStorage } from './storage.js';

/** The subtasks' side of the coordinator (Flink's CheckpointResponder). */
export interface CheckpointResponder extends AlignmentListener {
  acknowledgeCheckpoint(task: string, id: number, snapshot: string): void;
  /** The subtask has ended; `snapshot` is its final state, which stands for it from now on. */
  reportTaskFinished(task: string, snapshot: string): void;
}

interface PendingCheckpoint {
  readonly id: number;
  readonly triggeredAt: number;
  readonly awaiting: Set<string>;
  readonly acks: Map<string, string>;
}

/** One per job, kept across restarts (ids, statistics, storage); `start` on every deployment. */
export class CheckpointCoordinator implements CheckpointResponder {
  completed = 0;
  durationMsMax = 0;
  alignmentMsMax = 0;
  sizeBytesMax = 0;
  /** When the next checkpoint is due (wall ms); +∞ once every source has ended. */
  nextTriggerAt = Number.POSITIVE_INFINITY;
  private lastId: number;
  private pending: PendingCheckpoint | null = null;
  private taskNames: readonly string[] = [];
  private listeners: readonly CheckpointListener[] = [];
  private readonly finished = new Map<string, string>();

  constructor(
    private readonly intervalMs: number,
    private readonly mode: CompletedCheckpoint['mode'],
    private readonly storage: CheckpointStorage,
    private readonly clock: Clock,
  ) {
    this.lastId = storage.highestId();
  }

  /** Checkpoint files skipped on read because they failed their checksum. */
  get corruptSkipped(): number {
    return this.storage.corruptSkipped;
  }

  /**
   * A (re)deployed job: a failed attempt's pending checkpoint is abandoned, the timer starts afresh;
   * `listeners` are the new deployment's operators to notify of completed checkpoints.
   */
  start(taskNames: readonly string[], now: number, listeners: readonly CheckpointListener[] = []): void {
    this.taskNames = taskNames;
    this.listeners = listeners;
    this.pending = null;
    this.finished.clear();
    this.nextTriggerAt = now + this.intervalMs;
  }

  /** Every task has finished: the final checkpoint (FLIP-147) from their final snapshots, then notify. */
  completeFinal(): void {
    if (this.pending !== null)
      throw new Error(`checkpoint ${this.pending.id} is pending at the end of the job`);
    const missing = this.taskNames.filter((name) => !this.finished.has(name));
    if (missing.length > 0) throw new Error(`final checkpoint before ${missing.join(', ')} finished`);
    this.complete({
      id: ++this.lastId,
      triggeredAt: this.clock.now(),
      awaiting: new Set(),
      acks: this.finished,
    });
  }

  /** Triggers the next checkpoint if it is due and none is in flight. */
  maybeTrigger(now: number, sources: readonly SourceTask[]): void {
    if (this.pending !== null || now < this.nextTriggerAt) return;
    const running = sources.filter((s) => !s.finished);
    if (running.length === 0) {
      this.nextTriggerAt = Number.POSITIVE_INFINITY;
      return;
    }
    const pending: PendingCheckpoint = {
      id: ++this.lastId,
      triggeredAt: now,
      awaiting: new Set(),
      acks: new Map(),
    };
    for (const name of this.taskNames) {
      const final = this.finished.get(name);
      if (final === undefined) pending.awaiting.add(name);
      else pending.acks.set(name, final);
    }
    this.pending = pending;
    for (const source of running) source.triggerCheckpoint(pending.id);
  }

  acknowledgeCheckpoint(task: string, id: number, snapshot: string): void {
    const pending = this.pending;
    if (pending === null || pending.id !== id || !pending.awaiting.delete(task)) {
      throw new Error(`unexpected acknowledgement of checkpoint ${id} from ${task}`);
    }
    pending.acks.set(task, snapshot);
    if (pending.awaiting.size === 0) this.complete(pending);
  }

  reportTaskFinished(task: string, snapshot: string): void {
    this.finished.set(task, snapshot);
    if (this.pending?.awaiting.has(task)) this.acknowledgeCheckpoint(task, this.pending.id, snapshot);
  }

  reportAlignment(ms: number): void {
    if (ms > this.alignmentMsMax) this.alignmentMsMax = ms;
  }

  /** The newest completed checkpoint, read back from storage, or null. */
  latest(): CompletedCheckpoint | null {
    const text = this.storage.latest();
    return text === null ? null : parseCheckpoint(text);
  }

  private complete(pending: PendingCheckpoint): void {
    const completedAt = this.clock.now();
    const ordered = new Map(this.taskNames.map((name) => [name, pending.acks.get(name)!]));
    const header = { id: pending.id, mode: this.mode, triggeredAt: pending.triggeredAt, completedAt };
    const text = assembleCheckpoint(header, ordered);
    this.storage.add(pending.id, text); // durable before any sink commits (two-phase commit)
    this.pending = null;
    this.completed++;
    this.durationMsMax = Math.max(this.durationMsMax, this.clock.now() - pending.triggeredAt);
    this.sizeBytesMax = Math.max(this.sizeBytesMax, Buffer.byteLength(text));
    // max-concurrent-checkpoints 1, min-pause 0: a checkpoint due while this one ran starts at once.
    this.nextTriggerAt = Math.max(pending.triggeredAt + this.intervalMs, completedAt);
    for (const listener of this.listeners) listener.notifyCheckpointComplete(pending.id);
  }
}

/**
 * Naiad's fault tolerance [NAIAD §3.4]: a periodic, globally consistent checkpoint of every stateful
 * vertex, and rollback of every worker to it on a failure.
 *
 *   every N epochs completed at the global frontier:
 *     pause  — inputs stop reading                              (Naiad pauses the worker threads)
 *     drain  — run until no message is queued, all progress is
 *              exchanged and no notification is deliverable     (flushes the message queues)
 *     snapshot — operator states, pending notifications, progress counts, source positions, counters,
 *              serialised to JSON with engines/shared/snapshot-codec (NaN, ±∞, −0 survive) (Checkpoint)
 *     commit — sinks release what they received before the cut; resume
 *   on a WorkerFailure: discard every worker, build fresh ones, Restore them from the last snapshot,
 *     seek the sources to its positions, and carry on (replaying the input since the checkpoint).
 *
 * The computation stands still while it drains and snapshots (unlike Flink's asynchronous barriers):
 * that pause is reported as `checkpointPauseMs`. Snapshots are kept in memory; the failure-injection
 * issue makes them durable. A snapshot is taken at the start, so a failure before the first periodic
 * checkpoint replays from the beginning.
 */
import type { CounterSet } from '../shared/counters.js';
import { decodeSnapshot, encodeSnapshot } from '../shared/snapshot-codec.js';
import type { Runtime, RuntimeSnapshot } from './dataflow/runtime.js';
import type { NaiadStats } from './stats.js';

interface Checkpoint {
  readonly runtime: RuntimeSnapshot;
  readonly counters: [string, number][];
}

/** Decides when to checkpoint, takes checkpoints, and rolls a fresh runtime back to the last one. */
export class CheckpointCoordinator {
  private last: string | null = null;
  /** Frontier epoch at the last checkpoint. */
  private baseline = Number.NEGATIVE_INFINITY;
  /** Wall time the current drain began, or null when running. */
  private drainingSince: number | null = null;

  constructor(
    private readonly everyEpochs: number,
    private readonly stats: NaiadStats,
  ) {}

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /** Starts draining once N more epochs have completed at the frontier (a finite one: data has begun). */
  maybeBegin(runtime: Runtime, now: number): void {
    if (this.drainingSince !== null) return;
    const epoch = runtime.frontierEpoch();
    if (!Number.isFinite(this.baseline)) {
      if (Number.isFinite(epoch) && epoch > Number.MIN_SAFE_INTEGER) this.baseline = epoch;
      return;
    }
    if (Number.isFinite(epoch) && epoch - this.baseline >= this.everyEpochs) this.drainingSince = now;
  }

  /** The drain is over (a round did nothing): snapshot, then commit the sinks' outputs. */
  complete(runtime: Runtime, counters: CounterSet, now: number, commitSinks: () => void): void {
    this.take(runtime, counters);
    commitSinks();
    this.baseline = runtime.frontierEpoch();
    this.stats.checkpointPauseMs += now - (this.drainingSince ?? now);
    this.drainingSince = null;
  }

  /** Snapshots a quiescent runtime. */
  take(runtime: Runtime, counters: CounterSet): void {
    const checkpoint: Checkpoint = { runtime: runtime.snapshot(), counters: [...counters.values] };
    this.last = encodeSnapshot(checkpoint);
    this.stats.checkpoints++;
    this.stats.checkpointBytes = this.last.length;
  }

  /** Brings a fresh runtime and the counters back to the last checkpoint (Naiad's Restore). */
  rollback(fresh: Runtime, counters: CounterSet): void {
    if (this.last === null) throw new Error('rollback without a checkpoint');
    const checkpoint = decodeSnapshot<Checkpoint>(this.last);
    fresh.restore(checkpoint.runtime);
    counters.values.clear();
    for (const [name, value] of checkpoint.counters) counters.values.set(name, value);
    this.drainingSince = null;
    this.stats.rollbacks++;
  }
}

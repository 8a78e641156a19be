/**
 * Naiad's fault tolerance [NAIAD §3.4]: a periodic, globally consistent checkpoint of every stateful
 * vertex, and rollback of every worker to it on a failure.
 *
 *   every N epochs completed at the global frontier:
 *     pause  — inputs stop reading                              (Naiad pauses the worker threads)
 *     drain  — run until no message is queued, all progress is
 *              exchanged and no notification is deliverable     (flushes the message queues)
 *     snapshot — operator states, pending notifications, progress counts, source positions, counters,
 *              serialised to JSON with engines/shared/snapshot-codec (NaN, ±∞, −0 survive) (Checkpoint),
 *              stored under the next checkpoint id
 *     commit — sinks release what they received before the cut; resume
 *   on a WorkerFailure: discard every worker, build fresh ones, Restore them from the last snapshot,
 *     seek the sources to its positions, and carry on (replaying the input since the checkpoint).
 *
 * The computation stands still while it drains and snapshots (unlike Flink's asynchronous barriers):
 * that pause is reported as `checkpointPauseMs`. A snapshot is taken at the start, so a failure before
 * the first periodic checkpoint replays from the beginning, and one at the end, before the last commit.
 *
 * Where snapshots live: in memory, or — with the job's state directory — in a DurableStore at
 * `<stateDir>/checkpoints` (checksummed `chk-<id>.json` files, the newest `retained` kept), where a new
 * process of the same job finds the newest complete one and resumes from it (Naiad's restart of a failed
 * process from its checkpoint log). Ids rise across processes: a new one starts above the highest on disk.
 */
import { join } from 'node:path';
import type { CounterSet } from '../shared/counters.js';
import { DurableStore } from '../shared/durable-store.js';
import { decodeSnapshot, encodeSnapshot } from '../shared/snapshot-codec.js';
import type { Runtime, RuntimeSnapshot } from './dataflow/runtime.js';
import type { NaiadStats } from './stats.js';

interface Checkpoint {
  readonly id: number;
  readonly runtime: RuntimeSnapshot;
  readonly counters: [string, number][];
}

/** The newest `retained` snapshots as text: in memory, or durable in a directory. */
interface SnapshotStore {
  put(id: number, text: string): void;
  latest(): string | null;
  readonly highestId: number;
  readonly corruptSkipped: number;
}

function memoryStore(): SnapshotStore {
  let last: [number, string] | null = null;
  return {
    put: (id, text) => {
      last = [id, text];
    },
    latest: () => last?.[1] ?? null,
    get highestId() {
      return last?.[0] ?? 0;
    },
    corruptSkipped: 0,
  };
}

function durableStore(stateDir: string, retained: number): SnapshotStore {
  const store = new DurableStore(join(stateDir, 'checkpoints'), 'chk', retained);
  return {
    put: (id, text) => store.put(id, text),
    latest: () => store.latest()?.text ?? null,
    get highestId() {
      return store.ids().at(-1) ?? 0;
    },
    get corruptSkipped() {
      return store.corruptSkipped;
    },
  };
}

/** Decides when to checkpoint, takes checkpoints, and rolls a fresh runtime back to the last one. */
export class CheckpointCoordinator {
  private readonly store: SnapshotStore;
  private lastId: number;
  /** Frontier epoch at the last checkpoint. */
  private baseline = Number.NEGATIVE_INFINITY;
  /** Wall time the current drain began, or null when running. */
  private drainingSince: number | null = null;

  constructor(
    private readonly everyEpochs: number,
    private readonly stats: NaiadStats,
    durable?: { readonly stateDir: string; readonly retained: number },
  ) {
    this.store = durable === undefined ? memoryStore() : durableStore(durable.stateDir, durable.retained);
    this.lastId = this.store.highestId;
  }

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /** Checkpoint files that failed their checksum when read (durable store only). */
  get corruptSkipped(): number {
    return this.store.corruptSkipped;
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

  /** The drain is over (a round did nothing): snapshot, then commit the sinks' outputs under its id. */
  complete(runtime: Runtime, counters: CounterSet, now: number, commitSinks: (id: number) => void): void {
    commitSinks(this.take(runtime, counters));
    this.baseline = runtime.frontierEpoch();
    this.stats.checkpointPauseMs += now - (this.drainingSince ?? now);
    this.drainingSince = null;
  }

  /** Snapshots a quiescent runtime and stores it (durably first, when durable); returns its id. */
  take(runtime: Runtime, counters: CounterSet): number {
    const id = ++this.lastId;
    const checkpoint: Checkpoint = { id, runtime: runtime.snapshot(), counters: [...counters.values] };
    const text = encodeSnapshot(checkpoint);
    this.store.put(id, text);
    this.stats.checkpoints++;
    this.stats.checkpointBytes = text.length;
    return id;
  }

  /** The id of the newest stored checkpoint restored into a fresh runtime (instead of start()), or null. */
  resume(fresh: Runtime, counters: CounterSet): number | null {
    const text = this.store.latest();
    if (text === null) return null;
    const checkpoint = decodeSnapshot<Checkpoint>(text);
    fresh.restore(checkpoint.runtime);
    counters.values.clear();
    for (const [name, value] of checkpoint.counters) counters.values.set(name, value);
    this.drainingSince = null;
    return checkpoint.id;
  }

  /** Brings a fresh runtime and the counters back to the last checkpoint (Naiad's Restore); its id. */
  rollback(fresh: Runtime, counters: CounterSet): number {
    const id = this.resume(fresh, counters);
    if (id === null) throw new Error('rollback without a checkpoint');
    this.stats.rollbacks++;
    return id;
  }
}

/**
 * Where completed checkpoints live, keeping the newest `retained` (execution.checkpointing.num-retained):
 *   JobManagerCheckpointStorage   in memory (Flink's default when no checkpoint directory is set)
 *   FileSystemCheckpointStorage   one file per checkpoint, `<dir>/chk-<id>.json`, in the shared
 *                                 DurableStore (engines/shared/durable-store.ts): written atomically and
 *                                 framed with a checksum, so a crash leaves the previous checkpoint or the
 *                                 new one, and a torn or corrupt file is skipped for the one before it
 * A restore reads the newest checkpoint back from where it was stored.
 *
 * Two ways to use a directory, as Flink's:
 *   resume = false  the `checkpointStorage` knob: this run's checkpoints only (what a restart inside the
 *                   run restores); a file another run left there is never restored (a directory holds
 *                   one job's checkpoints, as Flink's `<dir>/<job id>/chk-<n>`: retention counts every file)
 *   resume = true   the job's state directory (JobSpec.stateDir): the checkpoints of every earlier process
 *                   of this job count, so a restarted process restores the newest complete one (Flink's
 *                   JobManager failover with high availability, which finds the latest checkpoint in its
 *                   CompletedCheckpointStore)
 */
import { join } from 'node:path';
import { DurableStore } from '../../shared/durable-store.js';

/** Where the coordinator puts completed checkpoints, and where a restore reads the newest one. */
export interface CheckpointStorage {
  /** Stores a completed checkpoint's document and drops the ones beyond the retained count. */
  add(id: number, text: string): void;
  /** The newest completed checkpoint's document, or null if none completed. */
  latest(): string | null;
  /** The highest checkpoint id ever stored here, complete or not (0: none), so ids never repeat. */
  highestId(): number;
  /** Checkpoint files that failed their checksum when read (a metric). */
  readonly corruptSkipped: number;
}

/** The default: checkpoints kept in memory, lost with the process (Flink's JobManagerCheckpointStorage). */
export class JobManagerCheckpointStorage implements CheckpointStorage {
  private readonly texts: [number, string][] = [];
  readonly corruptSkipped = 0;

  constructor(private readonly retained: number) {}

  add(id: number, text: string): void {
    this.texts.push([id, text]);
    if (this.texts.length > this.retained) this.texts.shift();
  }

  latest(): string | null {
    return this.texts.at(-1)?.[1] ?? null;
  }

  highestId(): number {
    return this.texts.at(-1)?.[0] ?? 0;
  }
}

/** Durable checkpoints: one checksummed, atomically written file each, readable by a later process. */
export class FileSystemCheckpointStorage implements CheckpointStorage {
  private readonly store: DurableStore;
  /** Ids this process stored (resume = false reads only these). */
  private readonly own: number[] = [];

  constructor(
    dir: string,
    private readonly retained: number,
    private readonly resume: boolean,
  ) {
    this.store = new DurableStore(dir, 'chk', retained);
  }

  get corruptSkipped(): number {
    return this.store.corruptSkipped;
  }

  add(id: number, text: string): void {
    this.store.put(id, text);
    this.own.push(id);
    if (this.own.length > this.retained) this.own.shift();
  }

  latest(): string | null {
    if (this.resume) return this.store.latest()?.text ?? null;
    for (let i = this.own.length - 1; i >= 0; i--) {
      const entry = this.store.get(this.own[i]!);
      if (entry !== null) return entry.text;
    }
    return null;
  }

  highestId(): number {
    const ids = this.resume ? this.store.ids() : this.own;
    return ids.at(-1) ?? 0;
  }
}

/** The storage the knobs select: the job's state directory, a checkpoint directory, or memory. */
export function checkpointStorage(
  stateDir: string | undefined,
  dir: string | undefined,
  retained: number,
): CheckpointStorage {
  if (stateDir !== undefined)
    return new FileSystemCheckpointStorage(join(stateDir, 'checkpoints'), retained, true);
  return dir === undefined
    ? new JobManagerCheckpointStorage(retained)
    : new FileSystemCheckpointStorage(dir, retained, false);
}

/**
 * Where completed checkpoints live, keeping the newest `retained` (execution.checkpointing.num-retained):
 *   JobManagerCheckpointStorage   in memory (Flink's default when no checkpoint directory is set)
 *   FileSystemCheckpointStorage   one file per checkpoint, `<dir>/chk-<id>.json`, written atomically
 *                                 (temp file, fsync, rename, fsync directory), so a crash leaves the
 *                                 previous checkpoint or the new one, never a torn file
 * A restore reads the newest checkpoint back from where it was stored.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../harness/results/atomic-write.js';

/** Where the coordinator puts completed checkpoints, and where a restore reads the newest one. */
export interface CheckpointStorage {
  /** Stores a completed checkpoint's document and drops the ones beyond the retained count. */
  add(id: number, text: string): void;
  /** The newest completed checkpoint's document, or null if none completed. */
  latest(): string | null;
}

/** The default: checkpoints kept in memory, lost with the process (Flink's JobManagerCheckpointStorage). */
export class JobManagerCheckpointStorage implements CheckpointStorage {
  private readonly texts: string[] = [];

  constructor(private readonly retained: number) {}

  add(_id: number, text: string): void {
    this.texts.push(text);
    if (this.texts.length > this.retained) this.texts.shift();
  }

  latest(): string | null {
    return this.texts.at(-1) ?? null;
  }
}

/** Durable checkpoints: one atomically written file each, so a later process can restore from them. */
export class FileSystemCheckpointStorage implements CheckpointStorage {
  private readonly ids: number[] = [];

  constructor(
    private readonly dir: string,
    private readonly retained: number,
  ) {}

  private pathOf(id: number): string {
    return join(this.dir, `chk-${id}.json`);
  }

  add(id: number, text: string): void {
    writeFileAtomic(this.pathOf(id), text);
    this.ids.push(id);
    while (this.ids.length > this.retained) unlinkSync(this.pathOf(this.ids.shift()!));
  }

  latest(): string | null {
    const id = this.ids.at(-1);
    return id === undefined ? null : readFileSync(this.pathOf(id), 'utf8');
  }
}

/** The storage the knobs select: a directory, or memory when none is given. */
export function checkpointStorage(dir: string | undefined, retained: number): CheckpointStorage {
  return dir === undefined
    ? new JobManagerCheckpointStorage(retained)
    : new FileSystemCheckpointStorage(dir, retained);
}

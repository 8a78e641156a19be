/**
 * Spark's HDFSMetadataLog: one file per batch id in a directory (`<dir>/<batchId>`), each written
 * atomically (temp file, fsync, rename), each starting with the format version line `v1`. The offset
 * log, the commit log and the sink log are instances with their own entry formats.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FlinkCoinError } from '../../../harness/errors.js';
import { writeFileAtomic } from '../../../harness/results/atomic-write.js';
import type { Millis } from '../../../workloads/plan/index.js';

const VERSION = 'v1';

/** A log of one entry per batch id with its own entry format (see the module comment). */
export class MetadataLog<T> {
  constructor(
    private readonly dir: string,
    private readonly format: { lines(entry: T): string[]; parse(lines: string[]): T },
  ) {
    mkdirSync(dir, { recursive: true });
  }

  add(batchId: number, entry: T): void {
    writeFileAtomic(this.path(batchId), [VERSION, ...this.format.lines(entry)].join('\n'));
  }

  has(batchId: number): boolean {
    return existsSync(this.path(batchId));
  }

  get(batchId: number): T {
    const [version, ...lines] = readFileSync(this.path(batchId), 'utf8').split('\n');
    if (version !== VERSION)
      throw new FlinkCoinError(`${this.path(batchId)}: unsupported log version "${version}"`);
    return this.format.parse(lines);
  }

  /** The highest batch id in the log, or -1 when it is empty. */
  latestId(): number {
    return Math.max(-1, ...this.ids());
  }

  /** Deletes entries below `threshold` (Spark's purge, keeping minBatchesToRetain batches). */
  purge(threshold: number): void {
    for (const id of this.ids()) if (id < threshold) rmSync(this.path(id), { force: true });
  }

  private ids(): number[] {
    return readdirSync(this.dir)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  }

  private path(batchId: number): string {
    return join(this.dir, String(batchId));
  }
}

/** JSON for event times that may be ±∞ (the initial and the final watermark). */
export function millisToJson(ms: Millis): number | string {
  return Number.isFinite(ms) ? ms : String(ms);
}

/** The inverse of millisToJson. */
export function millisFromJson(value: number | string): Millis {
  return Number(value);
}

/**
 * Spark's HDFSMetadataLog: one file per batch id in a directory (`<dir>/<batchId>`), each written
 * atomically as Spark's CheckpointFileManager.createAtomic does (a temp file renamed into place, so a
 * reader never sees a torn entry), each starting with the format version line `v1`. The offset log, the
 * commit log and the sink log are instances with their own entry formats.
 *
 * No fsync: Spark's local and HDFS checkpoint file managers do not sync a log file before the rename
 * either, and a disk flush is a physical cost that FlinkCoin's engines do not pay by default
 * (../shared/reference/engine-semantics.md §5.1); it cost about 0.4 ms per entry on the benchmark
 * machine, three entries per micro-batch. The directory is listed once, when the log is opened: the
 * log keeps its batch ids in memory after that (Spark lists it on every purge).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlinkCoinError } from '../../../harness/errors.js';
import type { Millis } from '../../../workloads/plan/index.js';

const VERSION = 'v1';

/** A log of one entry per batch id with its own entry format (see the module comment). */
export class MetadataLog<T> {
  private readonly ids: Set<number>;

  constructor(
    private readonly dir: string,
    private readonly format: { lines(entry: T): string[]; parse(lines: string[]): T },
  ) {
    mkdirSync(dir, { recursive: true });
    this.ids = new Set(
      readdirSync(dir)
        .filter((name) => /^\d+$/.test(name))
        .map(Number),
    );
  }

  add(batchId: number, entry: T): void {
    const path = this.path(batchId);
    writeFileSync(`${path}.tmp`, [VERSION, ...this.format.lines(entry)].join('\n'));
    renameSync(`${path}.tmp`, path);
    this.ids.add(batchId);
  }

  has(batchId: number): boolean {
    return this.ids.has(batchId);
  }

  get(batchId: number): T {
    const [version, ...lines] = readFileSync(this.path(batchId), 'utf8').split('\n');
    if (version !== VERSION)
      throw new FlinkCoinError(`${this.path(batchId)}: unsupported log version "${version}"`);
    return this.format.parse(lines);
  }

  /** The highest batch id in the log, or -1 when it is empty. */
  latestId(): number {
    return Math.max(-1, ...this.ids);
  }

  /** Deletes entries below `threshold` (Spark's purge, keeping minBatchesToRetain batches). */
  purge(threshold: number): void {
    for (const id of this.ids) {
      if (id >= threshold) continue;
      rmSync(this.path(id), { force: true });
      this.ids.delete(id);
    }
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

/**
 * Spark's HDFSMetadataLog: one file per batch id in a directory (`<dir>/<batchId>`), each written
 * atomically as Spark's CheckpointFileManager.createAtomic does (a temp file renamed into place, so a
 * reader never sees a half-written entry), each body starting with the format version line `v1`. The
 * offset log, the commit log and the sink log are instances with their own entry formats.
 *
 * Every entry is framed with a checksum (engines/shared/durable-store.ts's frame): an entry that fails
 * it (a torn or corrupt file) is skipped and counted, so `latestId()` falls back to the previous
 * complete entry, as Spark's HDFSMetadataLog.getLatest skips a batch file it cannot read.
 *
 * fsync only when the log is `durable` (the query has a checkpointLocation or the job a stateDir: it may
 * be resumed in another process after a crash). A throwaway checkpoint is not synced: Spark's local and
 * HDFS checkpoint file managers do not sync a log file before the rename either, and a disk flush is a
 * physical cost that FlinkCoin's engines do not pay by default (../shared/reference/engine-semantics.md
 * §5.1); it cost about 0.4 ms per entry on the benchmark machine, three entries per micro-batch. The
 * directory is listed once, when the log is opened: the log keeps its batch ids in memory after that
 * (Spark lists it on every purge).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlinkCoinError } from '../../../harness/errors.js';
import { writeFileAtomic } from '../../../harness/results/atomic-write.js';
import type { Millis } from '../../../workloads/plan/index.js';
import { frame, unframe } from '../../shared/durable-store.js';

const VERSION = 'v1';

/** A log of one entry per batch id with its own entry format (see the module comment). */
export class MetadataLog<T> {
  private readonly ids: Set<number>;
  /** Entries that failed their checksum when read (engine metric `checkpoints.corruptSkipped`). */
  corruptSkipped = 0;

  constructor(
    private readonly dir: string,
    private readonly format: { lines(entry: T): string[]; parse(lines: string[]): T },
    private readonly durable = false,
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
    const text = frame([VERSION, ...this.format.lines(entry)].join('\n'));
    if (this.durable) writeFileAtomic(path, text);
    else {
      writeFileSync(`${path}.tmp`, text);
      renameSync(`${path}.tmp`, path);
    }
    this.ids.add(batchId);
  }

  has(batchId: number): boolean {
    return this.ids.has(batchId);
  }

  get(batchId: number): T {
    const entry = this.read(batchId);
    if (entry === null) throw new FlinkCoinError(`${this.path(batchId)}: torn or corrupt log entry`);
    return entry;
  }

  /** The highest batch id whose entry verifies (a corrupt newer one is dropped), or -1 when none does. */
  latestId(): number {
    for (const id of [...this.ids].sort((a, b) => b - a)) {
      if (this.read(id) !== null) return id;
      this.ids.delete(id);
    }
    return -1;
  }

  /** Deletes entries below `threshold` (Spark's purge, keeping minBatchesToRetain batches). */
  purge(threshold: number): void {
    for (const id of this.ids) {
      if (id >= threshold) continue;
      rmSync(this.path(id), { force: true });
      this.ids.delete(id);
    }
  }

  /** The entry, or null when it is missing or fails its checksum (counted). */
  private read(batchId: number): T | null {
    let raw: string;
    try {
      raw = readFileSync(this.path(batchId), 'utf8');
    } catch {
      return null;
    }
    const body = unframe(raw);
    if (body === null) {
      this.corruptSkipped++;
      return null;
    }
    const [version, ...lines] = body.split('\n');
    if (version !== VERSION)
      throw new FlinkCoinError(`${this.path(batchId)}: unsupported log version "${version}"`);
    return this.format.parse(lines);
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

/**
 * The query's versioned state stores, one per (stateful operator, partition), after Spark's
 * HDFSBackedStateStoreProvider: the live state is an in-memory map owned by the operator; batch N reads
 * version N and commits version N + 1 (Spark's numbering: version 0 is the empty store) by writing the
 * keys the batch changed as a delta. Every `minDeltasForSnapshot` versions a snapshot holds every store's
 * whole map, so loading a version reads the latest snapshot at or before it plus at most that many
 * deltas; files no longer needed to load any of the last `minBatchesToRetain` versions are deleted.
 *
 *   <checkpointLocation>/state/<version>.delta | <version>.snapshot   (store id → rows)
 *
 * Files hold V8's serialization (node:v8, the structured clone format) of plain data: binary rows, as
 * Spark's delta files hold UnsafeRows. JSON text cost three times as much to write (number formatting),
 * and the state changes every batch (~50 kB for the crypto plan), which made the commit the largest fixed
 * cost of a micro-batch.
 *
 * Departure: Spark writes one file per operator, partition and version (state/<op>/<partition>/), because
 * each task writes its own partition wherever it runs; in one process, one file per version holds the
 * same rows keyed by store id "<op>/<partition>", which keeps a batch to one state file (directory and
 * file creation cost about a millisecond each on the benchmark machine). Files are written as Spark's
 * CheckpointFileManager.createAtomic does, a temp file renamed into place, framed with a checksum and
 * fsynced when the checkpoint is durable (state-file.ts). Spark snapshots in a background maintenance
 * task; here the commit that makes a snapshot due writes it.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { FlinkCoinError } from '../../../harness/errors.js';
import { readStateFile, writeStateFile } from './state-file.js';

/** What a stateful operator exposes to its store: its keys, encoded to and from plain data. */
export interface StateRows {
  /** Keys touched since the last call (their state may have changed), and resets the tracking. */
  takeDirty(): readonly string[];
  keys(): Iterable<string>;
  /** The key's state as plain data (structured-cloneable), or undefined when the key has none left. */
  encode(key: string): unknown;
  restore(key: string, encoded: unknown): void;
}

/** The retention knobs of the state stores (spark.sql.streaming.*, see config.ts). */
export interface StateStoreOptions {
  readonly minDeltasForSnapshot: number;
  readonly minBatchesToRetain: number;
  /** fsync each file before its rename: the checkpoint may be resumed by another process. */
  readonly durable?: boolean;
}

interface Delta {
  puts: [string, unknown][];
  removes: string[];
}

const FILE = /^(\d+)\.(delta|snapshot)$/;

/** Every state store of the query and their files under <checkpointLocation>/state. */
export class StateStores {
  private readonly stores = new Map<string, StateRows>();
  private lastSnapshot = 0;
  /** Bytes written to delta and snapshot files (engine metric). */
  bytesWritten = 0;
  /** State files skipped because they failed their checksum (engine metric). */
  corruptSkipped = 0;

  constructor(
    private readonly dir: string,
    private readonly options: StateStoreOptions,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Adds the store of operator `operatorId`'s partition `partition`. */
  register(operatorId: number, partition: number, rows: StateRows): void {
    this.stores.set(`${operatorId}/${partition}`, rows);
  }

  /**
   * Restores every store to `version`: the latest snapshot at or before it, then the deltas after it.
   * A snapshot or delta that fails its checksum is skipped: loading falls back to an older snapshot
   * whose deltas up to `version` are all there and intact (deltas are kept back to the snapshot the
   * oldest retained version needs); when none is, the query fails naming the file.
   */
  load(version: number): void {
    const files = this.files();
    let problem = '';
    const snapshots = files
      .filter((f) => f.snapshot && f.version <= version)
      .map((f) => f.version)
      .sort((a, b) => b - a);
    for (const base of [...snapshots, 0]) {
      const snapshot = base > 0 ? this.read<Record<string, [string, unknown][]>>(`${base}.snapshot`) : {};
      if (snapshot === null) {
        problem = `${base}.snapshot is torn or corrupt`;
        continue;
      }
      const deltas: Record<string, Delta>[] = [];
      for (let v = base + 1; v <= version; v++) {
        const delta = this.read<Record<string, Delta>>(`${v}.delta`);
        if (delta === null) {
          problem ||= `delta ${v} is missing, torn or corrupt`;
          break;
        }
        deltas.push(delta);
      }
      if (deltas.length < version - base) continue;
      for (const [id, rows] of Object.entries(snapshot)) {
        for (const [key, encoded] of rows) this.store(id).restore(key, encoded);
      }
      for (const delta of deltas) {
        for (const [id, d] of Object.entries(delta)) {
          for (const [key, encoded] of d.puts) this.store(id).restore(key, encoded);
          for (const key of d.removes) this.store(id).restore(key, undefined);
        }
      }
      for (const rows of this.stores.values()) rows.takeDirty();
      this.lastSnapshot = base;
      return;
    }
    throw new FlinkCoinError(`state ${this.dir}: cannot load version ${version}: ${problem}`);
  }

  /** Commits `version` of every store: the keys changed since the previous version, then maintenance. */
  commit(version: number): void {
    const deltas: Record<string, Delta> = {};
    for (const [id, rows] of this.stores) {
      const delta: Delta = { puts: [], removes: [] };
      for (const key of rows.takeDirty()) {
        const encoded = rows.encode(key);
        if (encoded === undefined) delta.removes.push(key);
        else delta.puts.push([key, encoded]);
      }
      if (delta.puts.length + delta.removes.length > 0) deltas[id] = delta;
    }
    this.write(`${version}.delta`, serialize(deltas));
    if (version - this.lastSnapshot < this.options.minDeltasForSnapshot) return;
    const snapshot: Record<string, [string, unknown][]> = {};
    for (const [id, rows] of this.stores) {
      snapshot[id] = [];
      for (const key of [...rows.keys()]) {
        const encoded = rows.encode(key);
        if (encoded !== undefined) snapshot[id].push([key, encoded]);
      }
    }
    this.write(`${version}.snapshot`, serialize(snapshot));
    this.lastSnapshot = version;
    this.purge(version);
  }

  /** Deletes files older than the snapshot that loading the oldest retained version starts from. */
  private purge(latest: number): void {
    const earliestRetained = latest - this.options.minBatchesToRetain;
    if (earliestRetained <= 0) return;
    const files = this.files();
    const base = latestSnapshot(files, earliestRetained);
    for (const f of files) if (f.version < base) rmSync(join(this.dir, f.name), { force: true });
  }

  private store(id: string): StateRows {
    const rows = this.stores.get(id);
    if (rows === undefined)
      throw new FlinkCoinError(`state ${this.dir}: no operator partition "${id}" in this query`);
    return rows;
  }

  private files(): { name: string; version: number; snapshot: boolean }[] {
    return readdirSync(this.dir).flatMap((name) => {
      const m = FILE.exec(name);
      return m === null ? [] : [{ name, version: Number(m[1]), snapshot: m[2] === 'snapshot' }];
    });
  }

  /** A file's rows, or null when it is missing or fails its checksum (a corrupt one is counted). */
  private read<T>(name: string): T | null {
    const path = join(this.dir, name);
    const body = readStateFile(path);
    if (body === null) {
      if (existsSync(path)) this.corruptSkipped++;
      return null;
    }
    return deserialize(body) as T;
  }

  private write(name: string, data: Buffer): void {
    writeStateFile(join(this.dir, name), data, this.options.durable ?? false);
    this.bytesWritten += data.length;
  }
}

function latestSnapshot(files: { version: number; snapshot: boolean }[], atOrBefore: number): number {
  let best = 0;
  for (const f of files) if (f.snapshot && f.version <= atOrBefore && f.version > best) best = f.version;
  return best;
}

/**
 * A JSON-lines recording being written: whole lines only, into a hidden temp file beside the target,
 * flushed in batches (a live feed sends hundreds of small messages a second), and on `close()` flushed,
 * fsynced and renamed over the target. A recorder killed outright leaves the temp file, never a target
 * that ends mid-line, so whatever bears the target's name is complete.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Buffered bytes that trigger a write. */
const FLUSH_BYTES = 64 * 1024;

export class LineFile {
  private readonly tempPath: string;
  private readonly fd: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  lines = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.recording`);
    this.fd = openSync(this.tempPath, 'w');
  }

  /** Adds one line (a message without newlines, as WebSocket JSON text is). */
  write(line: string): void {
    this.pending.push(line);
    this.pendingBytes += line.length + 1;
    this.lines++;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Writes the buffered lines, whole. */
  flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, `${this.pending.join('\n')}\n`);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Flushes, fsyncs and renames the recording to its name. */
  close(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tempPath, this.path);
  }
}

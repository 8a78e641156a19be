/**
 * The input log between the driver (parent process) and the worker (child process) of a fault run: an
 * append-only file of paced events, as a Kafka topic sits between the producers and Flink.
 *
 *   driver (parent) ──InputLogWriter: one line per event at its intended emission time──▶ input.log
 *   input.log ──InputLogReader (a SourceReader, tails the file)──▶ engine (worker, killable)
 *
 * Keeping the driver in the parent keeps the system under test apart from the load generator (Karimov
 * et al.): a killed worker loses nothing of the input, and the schedule goes on while it is down, so
 * the backlog and its queueing show in event-time latency after the restart.
 *
 * Line format: `[createdAt, ts, event]` (JSON); the last line is `"end"`. A reader's position is
 * `{ "@byte": offset of the next line, "@index": lines consumed }`, so a restarted worker seeks straight
 * to the byte where its checkpoint left off.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Emit, PollResult, SourcePosition, SourceReader } from '../../engines/contract.js';
import { FlinkCoinError } from '../errors.js';

const END = '"end"';
const CHUNK_BYTES = 1 << 20;

/** The parent's side: appends events as the driver releases them. */
export class InputLogWriter {
  private readonly fd: number;
  private lines: string[] = [];
  /** Events appended so far (the driver's count, for catch-up). */
  written = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  append(event: unknown, ts: number, createdAt: number): void {
    this.lines.push(`[${createdAt},${ts},${JSON.stringify(event)}]\n`);
    this.written++;
  }

  /** Writes what was appended since the last flush (one write per driver tick). */
  flush(): void {
    if (this.lines.length === 0) return;
    writeSync(this.fd, this.lines.join(''));
    this.lines = [];
  }

  end(): void {
    this.lines.push(`${END}\n`);
    this.flush();
    closeSync(this.fd);
  }
}

/** The worker's side: a replayable SourceReader over the log, polled without blocking. */
export class InputLogReader<T = unknown> implements SourceReader<T> {
  private readonly fd: number;
  private byte = 0;
  private index = 0;
  private buffered: string[] = [];
  private next = 0;
  private tail = '';
  private ended = false;
  private readonly chunk = Buffer.allocUnsafe(CHUNK_BYTES);

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  poll(now: number, max: number, emit: Emit<T>): PollResult {
    let n = 0;
    while (n < max) {
      if (this.next === this.buffered.length && !this.fill()) break;
      const line = this.buffered[this.next++]!;
      this.byte += Buffer.byteLength(line) + 1;
      if (line === END) {
        this.ended = true;
        break;
      }
      const [createdAt, ts, event] = parseLine(line, this.path, this.index + 1);
      this.index++;
      emit(event as T, ts, createdAt);
      n++;
    }
    if (n > 0) return { kind: 'records', n };
    return this.ended ? { kind: 'end' } : { kind: 'idle', until: now + 1 };
  }

  position(): SourcePosition {
    return { '@byte': this.byte, '@index': this.index };
  }

  seek(position: SourcePosition): void {
    const p = typeof position === 'number' && position === 0 ? { '@byte': 0, '@index': 0 } : position;
    if (typeof p !== 'object' || typeof p['@byte'] !== 'number' || typeof p['@index'] !== 'number') {
      throw new TypeError(`input log positions are {"@byte", "@index"}, got ${JSON.stringify(position)}`);
    }
    this.byte = p['@byte'];
    this.index = p['@index'];
    this.readAt = this.byte;
    this.buffered = [];
    this.next = 0;
    this.tail = '';
    this.ended = false;
  }

  /** Events consumed (the log line index), for progress and catch-up. */
  get consumed(): number {
    return this.index;
  }

  close(): void {
    closeSync(this.fd);
  }

  private readAt = 0;

  /** Reads what the driver has appended since; false when nothing complete is there yet. */
  private fill(): boolean {
    const got = readSync(this.fd, this.chunk, 0, CHUNK_BYTES, this.readAt);
    if (got === 0) return false;
    this.readAt += got;
    const text = this.tail + this.chunk.toString('utf8', 0, got);
    const lastNl = text.lastIndexOf('\n');
    // A line is only taken whole: the driver may be mid-write.
    this.tail = lastNl < 0 ? text : text.slice(lastNl + 1);
    this.buffered = lastNl < 0 ? [] : text.slice(0, lastNl).split('\n');
    this.next = 0;
    return this.buffered.length > 0;
  }
}

/** The input log is the harness's own file: a line it cannot read is a bug, so it fails loudly. */
export class InputLogError extends FlinkCoinError {}

function parseLine(line: string, path: string, lineNo: number): [number, number, unknown] {
  try {
    const parsed = JSON.parse(line) as unknown;
    if (Array.isArray(parsed) && parsed.length === 3) return parsed as [number, number, unknown];
  } catch {}
  throw new InputLogError(`${path}:${lineNo}: not an input log line ([createdAt, ts, event])`);
}

/**
 * Synchronous, chunked line reading of a text file, plain or gzip-compressed, so a recorded feed of any
 * size replays with bounded memory (one chunk plus one partial line) and without async plumbing in the
 * harness's synchronous `next()` loop.
 *
 * Gzip: Node's zlib has no documented *incremental* synchronous API (`gunzipSync` needs the whole file),
 * so compressed chunks go through fflate's `Gunzip` stream, whose `push` calls back synchronously with
 * whatever it inflated. Compression is recognised by the gzip magic bytes, not the file name.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Gunzip } from 'fflate';
import type { LineSource } from './line-input.js';

/** Bytes read from disk per step. */
const CHUNK_BYTES = 256 * 1024;

/**
 * The lines of `path`, one `next()` at a time. The file is opened per chunk (at a remembered offset)
 * rather than held open, so an input abandoned half-way leaks no file descriptor.
 */
export class FileLines implements LineSource {
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private readonly decoder = new TextDecoder('utf-8');
  private offset = 0;
  private fileEnded = false;
  private gunzip: Gunzip | null = null;
  private partial = '';
  private lines: string[] = [];
  private lineIndex = 0;

  constructor(private readonly path: string) {}

  next(): string | null {
    while (this.lineIndex === this.lines.length) {
      if (this.fileEnded) return this.takeLastLine();
      this.readChunk();
    }
    return this.lines[this.lineIndex++];
  }

  private readChunk(): void {
    const fd = openSync(this.path, 'r');
    let bytes: number;
    try {
      bytes = readSync(fd, this.buffer, 0, CHUNK_BYTES, this.offset);
    } finally {
      closeSync(fd);
    }
    const chunk = this.buffer.subarray(0, bytes);
    if (this.offset === 0 && bytes >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) {
      this.gunzip = new Gunzip((inflated) => this.addText(this.decoder.decode(inflated, { stream: true })));
    }
    this.offset += bytes;
    this.fileEnded = bytes === 0;
    // fflate may keep a view of unconsumed input, so it gets a copy, not the buffer reused for reads.
    if (this.gunzip) this.gunzip.push(new Uint8Array(chunk), this.fileEnded);
    else this.addText(this.decoder.decode(chunk, { stream: true }));
    if (this.fileEnded) this.addText(this.decoder.decode());
  }

  /** Splits decoded text into whole lines, keeping the unterminated tail for the next chunk. */
  private addText(text: string): void {
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline < 0) {
      this.partial += text;
      return;
    }
    const whole = this.partial + text.slice(0, lastNewline);
    this.partial = text.slice(lastNewline + 1);
    const split = whole.split('\n');
    if (this.lineIndex === this.lines.length) {
      this.lines = split;
      this.lineIndex = 0;
    } else {
      this.lines = this.lines.slice(this.lineIndex).concat(split);
      this.lineIndex = 0;
    }
  }

  /** A final line without a trailing newline, once; then the end. */
  private takeLastLine(): string | null {
    const last = this.partial;
    this.partial = '';
    return last.length > 0 ? last : null;
  }
}

/** The first `count` lines of a file (fewer if it is shorter), for format detection and headers. */
export function headLines(path: string, count: number): string[] {
  const lines = new FileLines(path);
  const head: string[] = [];
  for (let line = lines.next(); line !== null && head.length < count; line = lines.next()) head.push(line);
  return head;
}

/**
 * A file-system state backend for checkpoints and engine logs: one file per entry,
 * `<dir>/<prefix>-<id>.json`, each written durably (temp file, fsync, rename, fsync directory) and
 * framed with a checksum, keeping the newest `retained` entries.
 *
 *   file = "flinkcoin-ckpt v1 <sha256 of body, hex> <body length>\n" + body
 *
 * A torn or partial entry (a crash mid-write that somehow left a file, a truncated copy, a flipped
 * byte) fails its checksum and is skipped: `latest()` returns the newest entry that verifies, so a
 * restore falls back to the previous complete checkpoint. Temp files left by a crash are ignored (they
 * never carry the final name) and removed on open.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../harness/results/atomic-write.js';

const MAGIC = 'flinkcoin-ckpt v1';

/**
 * Fault injection (harness/faults, `checkpoint-crash`): when set, the next `put` hands its target path
 * and framed bytes to this function instead of writing them; the harness's worker writes part of them
 * and kills its own process with SIGKILL, a crash in the middle of a checkpoint write.
 */
let interruptNextWrite: ((path: string, framed: string) => void) | null = null;

export function interruptNextDurableWrite(fn: (path: string, framed: string) => void): void {
  interruptNextWrite = fn;
}

/** An entry read back and verified. */
export interface DurableEntry {
  readonly id: number;
  readonly text: string;
}

export class DurableStore {
  /** Entries that failed verification when read (torn or corrupt); an engine metric. */
  corruptSkipped = 0;

  constructor(
    readonly dir: string,
    private readonly prefix: string,
    private readonly retained: number,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) unlinkSync(join(dir, name));
    }
  }

  /** Stores entry `id` durably, then drops the oldest beyond the retained count. */
  put(id: number, text: string): void {
    if (interruptNextWrite !== null) {
      const interrupt = interruptNextWrite;
      interruptNextWrite = null;
      interrupt(this.pathOf(id), frame(text));
    }
    writeFileAtomic(this.pathOf(id), frame(text));
    const ids = this.ids();
    for (const old of ids.slice(0, Math.max(0, ids.length - this.retained))) unlinkSync(this.pathOf(old));
  }

  /** Entry ids on disk, oldest first (verified or not). */
  ids(): number[] {
    const re = new RegExp(`^${this.prefix}-(\\d+)\\.json$`);
    const ids: number[] = [];
    for (const name of readdirSync(this.dir)) {
      const m = re.exec(name);
      if (m) ids.push(Number(m[1]));
    }
    return ids.sort((a, b) => a - b);
  }

  /** Entry `id` if it exists and verifies, else null (a corrupt one is counted). */
  get(id: number): DurableEntry | null {
    let raw: string;
    try {
      raw = readFileSync(this.pathOf(id), 'utf8');
    } catch {
      return null;
    }
    const text = unframe(raw);
    if (text === null) {
      this.corruptSkipped++;
      return null;
    }
    return { id, text };
  }

  /** The newest entry that verifies, or null: a torn newest entry falls back to the one before. */
  latest(): DurableEntry | null {
    const ids = this.ids();
    for (let i = ids.length - 1; i >= 0; i--) {
      const entry = this.get(ids[i]!);
      if (entry !== null) return entry;
    }
    return null;
  }

  private pathOf(id: number): string {
    return join(this.dir, `${this.prefix}-${id}.json`);
  }
}

/** Frames a body with its checksum and length. */
export function frame(body: string): string {
  const bytes = Buffer.from(body);
  return `${MAGIC} ${sha256(bytes)} ${bytes.length}\n${body}`;
}

/** The body of a framed text, or null when the header, length or checksum does not hold. */
export function unframe(raw: string): string | null {
  const nl = raw.indexOf('\n');
  if (nl < 0) return null;
  const header = raw.slice(0, nl).split(' ');
  if (header.length !== 4 || `${header[0]} ${header[1]}` !== MAGIC) return null;
  const body = Buffer.from(raw.slice(nl + 1));
  if (body.length !== Number(header[3]) || sha256(body) !== header[2]) return null;
  return body.toString();
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

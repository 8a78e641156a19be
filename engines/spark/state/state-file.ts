/**
 * The byte framing of state-store files (deltas and snapshots): V8-serialized rows behind a header with
 * their length and sha256, so a torn or corrupt file is recognised instead of deserialized into
 * garbage, as engines/shared/durable-store.ts frames text entries (the same header, binary body).
 *
 *   file = "flinkcoin-ckpt v1 <sha256 of body, hex> <body length>\n" + body
 *
 * Written as Spark's CheckpointFileManager.createAtomic writes: a temp file renamed into place. Only a
 * durable checkpoint (one that another process may resume) is framed, and its temp file and directory
 * fsynced (harness/results/atomic-write.ts): a throwaway checkpoint is never read back (its directory is
 * new and removed at the end), and hashing its ~50 kB of state per batch would add about a quarter to a
 * micro-batch's fixed cost.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from '../../../harness/results/atomic-write.js';

const MAGIC = 'flinkcoin-ckpt v1';

/** Writes `body` atomically: framed and fsynced when `durable`, else as it is (see the module comment). */
export function writeStateFile(path: string, body: Uint8Array, durable: boolean): void {
  if (durable) {
    const header = Buffer.from(`${MAGIC} ${sha256(body)} ${body.length}\n`);
    writeFileAtomic(path, Buffer.concat([header, body]));
    return;
  }
  writeFileSync(`${path}.tmp`, body);
  renameSync(`${path}.tmp`, path);
}

/** The body of a framed (durable) file, or null when it is missing, torn or corrupt. */
export function readStateFile(path: string): Buffer | null {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch {
    return null;
  }
  const nl = raw.indexOf(10);
  if (nl < 0) return null;
  const header = raw.subarray(0, nl).toString().split(' ');
  if (header.length !== 4 || `${header[0]} ${header[1]}` !== MAGIC) return null;
  const body = raw.subarray(nl + 1);
  if (body.length !== Number(header[3]) || sha256(body) !== header[2]) return null;
  return body;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

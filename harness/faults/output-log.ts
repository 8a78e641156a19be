/**
 * The outputs of a fault run, kept in files so they outlive a killed worker — the external system a
 * real job writes to. One folder per plan sink:
 *
 *   plain.jsonl                 `write`: a line appended per record, visible at once (Storm's plain
 *                               sink, or any engine without checkpoints); duplicates after a replay
 *   txn~<task>~<id>.jsonl       `commitTransaction`: one file per transaction, written atomically (temp,
 *                               fsync, rename), so it is visible whole or not at all; a TransactionId
 *                               already there is ignored (the idempotent commit exactly-once relies on)
 *
 * A line is `[id, visibleAt, ts, createdAt, ingestedAt, value]`; `visibleAt` is when a consumer could
 * first see it (the write, or the transaction's commit), so latency includes the commit wait, which is
 * part of what exactly-once costs. Values go through the snapshot codec (NaN survives).
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, OutputRecord, SinkWriter, TransactionId } from '../../engines/contract.js';
import { decodeSnapshot, encodeSnapshot } from '../../engines/shared/snapshot-codec.js';
import { writeFileAtomic } from '../results/atomic-write.js';

const PLAIN = 'plain.jsonl';

/** An output as read back by the parent. */
export interface LoggedOutput {
  readonly id: string;
  readonly visibleAt: number;
  readonly ts: number;
  readonly createdAt: number;
  readonly ingestedAt: number;
  readonly value: unknown;
  /** The file it came from: `plain` or the transaction's file name. */
  readonly via: string;
}

/** The worker's sink for one plan output. */
export class FileOutputSink implements SinkWriter {
  private fd: number | null = null;
  /** Commits of a transaction already committed (by an earlier worker or before a restore). */
  recommitsIgnored = 0;

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  write(id: string, value: unknown, ts: number, createdAt: number, ingestedAt: number): void {
    this.fd ??= openSync(join(this.dir, PLAIN), 'a');
    writeSync(this.fd, `${line(id, this.clock.now(), ts, createdAt, ingestedAt, value)}\n`);
  }

  commitTransaction(txn: TransactionId, records: readonly OutputRecord[]): void {
    const path = join(this.dir, `txn~${txn.task}~${txn.id}.jsonl`);
    if (existsSync(path)) {
      this.recommitsIgnored++;
      return;
    }
    const at = this.clock.now();
    const text = records.map((r) => `${line(r.id, at, r.ts, r.createdAt, r.ingestedAt, r.value)}\n`);
    writeFileAtomic(path, text.join(''));
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function line(id: string, at: number, ts: number, createdAt: number, ingestedAt: number, v: unknown) {
  return `[${JSON.stringify(id)},${at},${num(ts)},${num(createdAt)},${num(ingestedAt)},${encodeSnapshot(v)}]`;
}

/** Stamps may be NaN (timer outputs): JSON has no NaN, so it is written as null. */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/** Every output one sink made visible, in visibility order. A torn last plain line is dropped. */
export function readOutputLog(dir: string): LoggedOutput[] {
  if (!existsSync(dir)) return [];
  const out: LoggedOutput[] = [];
  for (const name of readdirSync(dir)) {
    if (name !== PLAIN && !(name.startsWith('txn~') && name.endsWith('.jsonl'))) continue;
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    for (const text of lines) {
      if (text === '') continue;
      let row: [string, number, number | null, number | null, number | null, unknown];
      try {
        row = decodeSnapshot(text);
      } catch {
        continue; // only a plain file's last line can be torn (a kill mid-append)
      }
      const [id, visibleAt, ts, createdAt, ingestedAt, value] = row;
      out.push({
        id,
        visibleAt,
        ts: ts ?? Number.NaN,
        createdAt: createdAt ?? Number.NaN,
        ingestedAt: ingestedAt ?? Number.NaN,
        value,
        via: name === PLAIN ? 'plain' : name,
      });
    }
  }
  return out.sort((a, b) => a.visibleAt - b.visibleAt);
}

/**
 * Transactional test writers: what an exactly-once engine's `commitTransaction` is checked against.
 *
 *   txnRecorder()     in memory: every commit in order, idempotent by TransactionId; a commit of an id it
 *                     already has is ignored and counted (`recommits`), and counted as a `conflict` too
 *                     if its records differ (a transaction must be the same one when committed again)
 *   DurableTxnSink    for a child process that may be killed: one file per transaction,
 *                     `<dir>/<task>~<id>.json`, written atomically, so it is there whole or not at all;
 *                     `readCommitted(dir)` reads them back in the parent
 *
 * Both count `write` calls: on the transactional path an engine must make none.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputRecord, SinkWriter, TransactionId } from '../../engines/contract.js';
import { decodeSnapshot, encodeSnapshot } from '../../engines/shared/snapshot-codec.js';
import { writeFileAtomic } from '../../harness/results/atomic-write.js';

const keyOf = (txn: TransactionId) => `${txn.task}~${txn.id}`;
/** A record as the tests compare outputs: `id\tjson`, as test/helpers/run-plan.ts does. */
export const lineOf = (r: { id: string; value: unknown }) => `${r.id}\t${JSON.stringify(r.value)}`;

export interface TxnRecorder extends SinkWriter {
  /** Committed transactions by `task~id`, each record as a line. */
  readonly committed: Map<string, string[]>;
  /** Every record of every committed transaction, as lines, sorted. */
  lines(): string[];
  recommits: number;
  conflicts: number;
  plainWrites: number;
  /** Each committed record's stamps by output id: [ts, createdAt, ingestedAt]. */
  readonly stamps: Map<string, [number, number, number]>;
}

/** An in-memory transactional writer; `delayMs` makes each commit settle asynchronously. */
export function txnRecorder(delayMs?: number): TxnRecorder {
  const committed = new Map<string, string[]>();
  const recorder: TxnRecorder = {
    committed,
    recommits: 0,
    conflicts: 0,
    plainWrites: 0,
    stamps: new Map(),
    lines: () => [...committed.values()].flat().sort(),
    write() {
      recorder.plainWrites++;
    },
    commitTransaction(txn, records) {
      const lines = records.map(lineOf);
      const before = committed.get(keyOf(txn));
      if (before !== undefined) {
        recorder.recommits++;
        if (JSON.stringify(before) !== JSON.stringify(lines)) recorder.conflicts++;
      } else {
        committed.set(keyOf(txn), lines);
        for (const r of records) recorder.stamps.set(r.id, [r.ts, r.createdAt, r.ingestedAt]);
      }
      if (delayMs !== undefined) return new Promise((resolve) => setTimeout(resolve, delayMs));
    },
  };
  return recorder;
}

/** One output's transactions as files that survive a SIGKILL of the process committing them. */
export class DurableTxnSink implements SinkWriter {
  recommits = 0;
  plainWrites = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  write(): void {
    this.plainWrites++;
  }

  commitTransaction(txn: TransactionId, records: readonly OutputRecord[]): void {
    const path = join(this.dir, `${keyOf(txn)}.json`);
    if (existsSync(path)) {
      this.recommits++;
      return;
    }
    writeFileAtomic(path, encodeSnapshot(records.map((r) => [r.id, r.value])));
  }
}

/** The records of every transaction committed to `dir`, as sorted lines, and how many transactions. */
export function readCommitted(dir: string): { lines: string[]; transactions: number } {
  if (!existsSync(dir)) return { lines: [], transactions: 0 };
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const lines: string[] = [];
  for (const f of files) {
    for (const [id, value] of decodeSnapshot<[string, unknown][]>(readFileSync(join(dir, f), 'utf8'))) {
      lines.push(lineOf({ id, value }));
    }
  }
  return { lines: lines.sort(), transactions: files.length };
}

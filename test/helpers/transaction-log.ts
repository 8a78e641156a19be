/**
 * A test sink that keeps what an engine delivers, in memory or appended to a file (so it survives a
 * SIGKILL of the process that writes it), and is idempotent by TransactionId as the contract asks of
 * a transactional writer: a transaction committed again is ignored, but counted and kept aside so a
 * test can check that it carried the same records and that without the writer's check it would have
 * duplicated outputs. Plain `write`s are kept as they come (Storm's at-least-once path).
 *
 * File format, one JSON line per delivery (a torn last line, from a kill mid-append, is ignored):
 *   {"t": [task, id], "r": [[outputId, value], ...]}   a transaction committed
 *   {"w": [outputId, value]}                             a plain write
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { OutputRecord, SinkWriter, TransactionId } from '../../engines/contract.js';
import { encodeSnapshot } from '../../engines/shared/snapshot-codec.js';

type Line = { t: [string, number]; r: [string, string][] } | { w: [string, string] };

/** Everything one sink received. */
export interface Delivered {
  /** First commit of each transaction, by "task/id". */
  readonly committed: Map<string, [string, string][]>;
  /** Transactions committed again after they were committed (ignored), with their records. */
  readonly recommits: { key: string; records: [string, string][] }[];
  /** Plain writes, in order. */
  readonly writes: [string, string][];
}

const keyOf = (txn: TransactionId) => `${txn.task}/${txn.id}`;
const recordsOf = (records: readonly OutputRecord[]): [string, string][] =>
  records.map((r) => [r.id, encodeSnapshot(r.value)]);

function emptyDelivered(): Delivered {
  return { committed: new Map(), recommits: [], writes: [] };
}

function apply(d: Delivered, line: Line): void {
  if ('w' in line) {
    d.writes.push(line.w);
    return;
  }
  const key = `${line.t[0]}/${line.t[1]}`;
  if (d.committed.has(key)) d.recommits.push({ key, records: line.r });
  else d.committed.set(key, line.r);
}

/** Reads a sink file written by `transactionLog(file)`. */
export function readDelivered(file: string): Delivered {
  const d = emptyDelivered();
  if (!existsSync(file)) return d;
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (text === '') continue;
    try {
      apply(d, JSON.parse(text) as Line);
    } catch {
      // a torn last line: the kill came mid-append, the delivery did not happen
    }
  }
  return d;
}

/**
 * A transactional writer over `file` (appending) or memory (file undefined). `onDeliver` is called
 * after each delivery has been recorded, with its kind and record count.
 */
export function transactionLog(
  file?: string,
  onDeliver?: (kind: 'commit' | 'recommit' | 'write', records: number) => void,
): SinkWriter & { delivered: Delivered } {
  const delivered = file === undefined ? emptyDelivered() : readDelivered(file);
  const record = (line: Line) => {
    if (file !== undefined) appendFileSync(file, `${JSON.stringify(line)}\n`);
    apply(delivered, line);
  };
  return {
    delivered,
    write(id, value) {
      record({ w: [id, encodeSnapshot(value)] });
      onDeliver?.('write', 1);
    },
    commitTransaction(txn, records) {
      const again = delivered.committed.has(keyOf(txn));
      record({ t: [txn.task, txn.id], r: recordsOf(records) });
      onDeliver?.(again ? 'recommit' : 'commit', records.length);
    },
  };
}

/** Outputs as sorted "id\tvalue" lines: the union of committed transactions, or all plain writes. */
export function outputLines(d: Delivered): string[] {
  const lines: string[] = [];
  for (const records of d.committed.values()) for (const [id, v] of records) lines.push(`${id}\t${v}`);
  for (const [id, v] of d.writes) lines.push(`${id}\t${v}`);
  return lines.sort();
}

/**
 * The query's sinks and Spark's `Sink.addBatch(batchId, data)`: a batch's outputs reach the SinkWriters
 * only after the whole batch has run, and the sink log records each batch id handed over, so a batch
 * that is run again after a restart is not written twice (an idempotent sink by batch id, as Spark's
 * file sink). Two ways to hand a batch over (engines/contract.ts):
 *
 *   commitTransaction  when the writer offers it: the batch's rows for that sink as one transaction,
 *                      TransactionId {task: "batch", id: batchId}, with each row's own stamps. A batch
 *                      is Spark's unit of exactly-once; a rerun batch has the same offsets and watermark
 *                      (offsets/N), so it commits the same transaction with the same rows, and the
 *                      writer ignores it when a crash came after the commit but before the sink log.
 *                      A batch with no rows for a sink commits nothing to it.
 *   write              otherwise: row by row. A writer that returns a promise is awaited before it is
 *                      given the next row: the batch, and so the next trigger, waits for a slow sink
 *                      (micro-batch backpressure: the next batch is larger).
 */
import { PlanValidationError } from '../../harness/errors.js';
import type { NodeId, SinkNode } from '../../workloads/plan/index.js';
import type { JobSpec, OutputRecord, SinkWriter } from '../contract.js';
import type { SinkCommit } from './checkpoint/checkpoint.js';
import type { MetadataLog } from './checkpoint/metadata-log.js';
import type { Yielder } from './execution/yielder.js';
import type { Rows } from './rows.js';

/** The plan's sink nodes bound to the job's writers, and the handover of each batch to them. */
export class SinkSet {
  private readonly bound: { node: SinkNode; writer: SinkWriter }[];
  /** Batches whose outputs the sink log showed as already written (engine metric). */
  batchesSkipped = 0;
  /** commitTransaction calls made (engine metric `transactions.committed`). */
  transactionsCommitted = 0;

  constructor(nodes: readonly SinkNode[], job: JobSpec) {
    this.bound = nodes.map((node) => {
      const writer = job.sinks[node.output];
      if (writer === undefined) throw new PlanValidationError(`no writer bound for sink "${node.output}"`);
      return { node, writer };
    });
  }

  /** Hands batch `batchId`'s rows to the writers unless the sink log has it; then logs it. */
  async addBatch(
    batchId: number,
    outputs: ReadonlyMap<NodeId, readonly Rows[]>,
    log: MetadataLog<SinkCommit>,
    y: Yielder,
  ): Promise<void> {
    if (log.has(batchId)) {
      this.batchesSkipped++;
      return;
    }
    const written: Record<string, number> = {};
    let total = 0;
    for (const { node, writer } of this.bound) {
      const parts = outputs.get(node.id) ?? [];
      const n = writer.commitTransaction
        ? await this.commit(batchId, node, writer, parts)
        : await write(node, writer, parts, y);
      written[node.output] = (written[node.output] ?? 0) + n;
      total += n;
    }
    if (total > 0) log.add(batchId, written); // a batch without outputs has nothing to deduplicate
  }

  /** The batch's rows for one sink as one transaction; returns how many. */
  private async commit(batchId: number, node: SinkNode, writer: SinkWriter, parts: readonly Rows[]) {
    const records: OutputRecord[] = [];
    for (const rows of parts) {
      for (const { values, ts, createdAt, ingestedAt, size } of rows.chunks) {
        for (let i = 0; i < size; i++) {
          const value = values[i];
          records.push({
            id: node.idOf(value),
            value,
            ts: ts[i],
            createdAt: createdAt[i],
            ingestedAt: ingestedAt[i],
          });
        }
      }
    }
    if (records.length === 0) return 0;
    await writer.commitTransaction!({ task: 'batch', id: batchId }, records);
    this.transactionsCommitted++;
    return records.length;
  }
}

/** The batch's rows for one sink, row by row; returns how many. */
async function write(node: SinkNode, writer: SinkWriter, parts: readonly Rows[], y: Yielder) {
  let n = 0;
  for (const rows of parts) {
    for (const { values, ts, createdAt, ingestedAt, size } of rows.chunks) {
      for (let i = 0; i < size; i++) {
        const pending = writer.write(node.idOf(values[i]), values[i], ts[i], createdAt[i], ingestedAt[i]);
        if (pending !== undefined) await pending;
      }
      if (y.due()) await y.yield(false);
    }
    n += rows.length;
  }
  return n;
}

/**
 * The query's sinks and Spark's `Sink.addBatch(batchId, data)`: a batch's outputs reach the SinkWriters
 * only after the whole batch has run, and the sink log records each batch id handed over, so a batch
 * that is run again after a restart is not written twice (an idempotent sink by batch id, as Spark's
 * file sink). A writer that returns a promise is awaited before it is given the next row: the batch, and
 * so the next trigger, waits for a slow sink (micro-batch backpressure: the next batch is larger).
 */
import { PlanValidationError } from '../../harness/errors.js';
import type { NodeId, SinkNode } from '../../workloads/plan/index.js';
import type { JobSpec, SinkWriter } from '../contract.js';
import type { SinkCommit } from './checkpoint/checkpoint.js';
import type { MetadataLog } from './checkpoint/metadata-log.js';
import type { Yielder } from './execution/yielder.js';
import type { Rows } from './rows.js';

/** The plan's sink nodes bound to the job's writers, and the handover of each batch to them. */
export class SinkSet {
  private readonly bound: { node: SinkNode; writer: SinkWriter }[];
  /** Batches whose outputs the sink log showed as already written (engine metric). */
  batchesSkipped = 0;

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
      let n = 0;
      for (const rows of outputs.get(node.id) ?? []) {
        for (const { values, ts, createdAt, ingestedAt, size } of rows.chunks) {
          for (let i = 0; i < size; i++) {
            const pending = writer.write(node.idOf(values[i]), values[i], ts[i], createdAt[i], ingestedAt[i]);
            if (pending !== undefined) await pending;
          }
          if (y.due()) await y.yield(false);
        }
        n += rows.length;
      }
      written[node.output] = (written[node.output] ?? 0) + n;
      total += n;
    }
    if (total > 0) log.add(batchId, written); // a batch without outputs has nothing to deduplicate
  }
}

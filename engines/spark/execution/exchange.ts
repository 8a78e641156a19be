/**
 * A shuffle (Spark's ShuffleExchangeExec with HashPartitioning): the map side writes each row of a
 * producer partition into the bucket of its key's reduce partition; the reduce side reads one bucket
 * per task after the producing stage has finished (the stage barrier). Keys are routed with Flink's key
 * groups so that every FlinkCoin engine puts a key in the same partition. Buckets are appended to in
 * producer-partition order, so the rows of one key keep their order.
 */
import { defaultMaxParallelism, subtaskRouter } from '../../shared/key-groups.js';
import type { ShuffleSpec } from '../physical-plan.js';
import { type ChunkPool, type RowChunk, Rows } from '../rows.js';

/** One hash-partitioned edge of the plan: buckets filled by the map side, read by the reduce side. */
export class ShuffleExchange {
  private buckets: Rows[] = [];
  private readonly route: (key: string) => number;
  /** Rows shuffled over the whole run (engine metric). */
  rowsWritten = 0;

  constructor(
    private readonly spec: ShuffleSpec,
    private readonly pool: ChunkPool,
  ) {
    this.route = subtaskRouter(spec.partitions, defaultMaxParallelism(spec.partitions));
    this.reset();
  }

  /** A new micro-batch: empty buckets. */
  reset(): void {
    this.buckets = Array.from({ length: this.spec.partitions }, () => new Rows(this.pool));
  }

  /** Shuffle write of one chunk of a producer partition's rows. */
  write(rows: RowChunk): void {
    const values = rows.values;
    const keyOf = this.spec.keyOf;
    const buckets = this.buckets;
    for (let i = 0; i < rows.size; i++) buckets[this.route(keyOf(values[i]))].copyRow(rows, i);
    this.rowsWritten += rows.size;
  }

  /** Shuffle read: the rows of reduce partition `partition`. */
  read(partition: number): Rows {
    return this.buckets[partition];
  }
}

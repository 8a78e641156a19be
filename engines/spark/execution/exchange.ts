/**
 * A shuffle (Spark's ShuffleExchangeExec with HashPartitioning): the map side writes each row of a
 * producer partition into the bucket of its key's reduce partition; the reduce side reads one bucket
 * per task after the producing stage has finished (the stage barrier). Keys are routed with Flink's key
 * groups so that every FlinkCoin engine puts a key in the same partition. Buckets are appended to in
 * producer-partition order, so the rows of one key keep their order.
 */
import { defaultMaxParallelism, subtaskRouter } from '../../shared/key-groups.js';
import type { ShuffleSpec } from '../physical-plan.js';
import { CHUNK_ROWS, type ChunkConsumer, type ChunkPool, type RowChunk, Rows } from '../rows.js';

/** One hash-partitioned edge of the plan: buckets filled by the map side, read by the reduce side. */
export class ShuffleExchange implements ChunkConsumer {
  private readonly buckets: Rows[];
  private readonly route: (key: string) => number;
  /** Reduce partition of each row of the chunk being written. */
  private readonly target = new Int32Array(CHUNK_ROWS);
  /** Rows shuffled over the whole run (engine metric). */
  rowsWritten = 0;

  constructor(
    private readonly spec: ShuffleSpec,
    pool: ChunkPool,
  ) {
    this.route = subtaskRouter(spec.partitions, defaultMaxParallelism(spec.partitions));
    this.buckets = Array.from({ length: spec.partitions }, () => new Rows(pool));
  }

  /** A new micro-batch: empty buckets. */
  reset(): void {
    for (const bucket of this.buckets) bucket.reset();
  }

  /** Shuffle write of one chunk of a producer partition's rows. */
  consume(rows: RowChunk): void {
    this.rowsWritten += rows.size;
    const buckets = this.buckets;
    // One reduce partition: every row goes to it (the hash would say so too), a chunk at a time.
    if (buckets.length === 1) {
      buckets[0].consume(rows);
      return;
    }
    // Partition ids first, then the copies: two tight loops ran in half the time of one that does both.
    const { values, size } = rows;
    const { keyOf } = this.spec;
    const target = this.target;
    for (let i = 0; i < size; i++) target[i] = this.route(keyOf(values[i]));
    for (let i = 0; i < size; i++) buckets[target[i]].copyRow(rows, i);
  }

  /** Shuffle read: the rows of reduce partition `partition`. */
  read(partition: number): Rows {
    return this.buckets[partition];
  }
}

/**
 * A partition's rows for one micro-batch, stored column-wise in fixed-size chunks (Spark keeps a
 * batch's rows in memory pages and column vectors): per chunk, the values and three Float64Arrays for
 * event time and the two latency stamps. Operators loop over whole chunks; no envelope object is
 * allocated per row, and a batch of any size grows by whole chunks instead of copying ever larger
 * arrays (which cost ten times more here than filling preallocated chunks). Chunks come from a pool and
 * go back to it when the batch is over, as Spark's memory manager reuses pages.
 */
import type { Millis } from '../../workloads/plan/index.js';

/** Rows per chunk: also how many rows an operator takes between checks for a due yield. */
export const CHUNK_ROWS = 1024;

/** A fixed-size block of rows: the unit operators loop over and the executor yields between. */
export class RowChunk {
  readonly values: unknown[] = new Array(CHUNK_ROWS);
  readonly ts = new Float64Array(CHUNK_ROWS);
  readonly createdAt = new Float64Array(CHUNK_ROWS);
  readonly ingestedAt = new Float64Array(CHUNK_ROWS);
  size = 0;
}

/** The chunks of the batch in flight, reused by the next batch (no per-batch allocation in steady state). */
export class ChunkPool {
  private readonly free: RowChunk[] = [];
  private readonly lent: RowChunk[] = [];

  take(): RowChunk {
    const chunk = this.free.pop() ?? new RowChunk();
    this.lent.push(chunk);
    return chunk;
  }

  /** The batch is over: every chunk it used is free again (its values are dropped for the GC). */
  reclaim(): void {
    for (const chunk of this.lent) {
      chunk.values.fill(undefined, 0, chunk.size);
      chunk.size = 0;
      this.free.push(chunk);
    }
    this.lent.length = 0;
  }
}

/** All rows of one partition of one node's output (or input) in one batch, as a list of chunks. */
export class Rows {
  readonly chunks: RowChunk[] = [];
  private tail: RowChunk | null = null;
  length = 0;

  constructor(private readonly pool: ChunkPool) {}

  push(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    let chunk = this.tail;
    if (chunk === null || chunk.size === CHUNK_ROWS) {
      chunk = this.pool.take();
      this.chunks.push(chunk);
      this.tail = chunk;
    }
    const i = chunk.size++;
    chunk.values[i] = value;
    chunk.ts[i] = ts;
    chunk.createdAt[i] = createdAt;
    chunk.ingestedAt[i] = ingestedAt;
    this.length++;
  }

  /** Appends row `i` of `from` (a shuffle write, a filter). */
  copyRow(from: RowChunk, i: number): void {
    this.push(from.values[i], from.ts[i], from.createdAt[i], from.ingestedAt[i]);
  }
}

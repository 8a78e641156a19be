/**
 * Rows stored column-wise in fixed-size chunks, Spark's ColumnarBatch: per chunk, the values and three
 * Float64Arrays for event time and the two latency stamps. Operators loop over whole chunks and no
 * envelope object is allocated per row.
 *
 * Two uses: `Rows` materialises a partition's rows where the model keeps them for the whole batch (a
 * source's planned range, shuffle buckets, a sink's batch output, an input an operator reads only after
 * another), growing by whole chunks from a pool that gets them back when the batch is over, as Spark's
 * memory manager reuses pages; `ChunkOutput` is an operator's output inside a stage, one chunk that is
 * handed to the consumers each time it fills and then reused (see execution/stage-pipeline.ts).
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

  /** Forgets the rows: a new batch starts (the chunks went back to the pool with the last one). */
  reset(): void {
    this.chunks.length = 0;
    this.tail = null;
    this.length = 0;
  }

  /** Appends row `i` of `from` (a shuffle write). */
  copyRow(from: RowChunk, i: number): void {
    this.push(from.values[i], from.ts[i], from.createdAt[i], from.ingestedAt[i]);
  }

  /** Appends every row of `from`, a chunk at a time (buffering a stage's output). */
  consume(from: RowChunk): void {
    for (let i = 0; i < from.size; ) {
      let chunk = this.tail;
      if (chunk === null || chunk.size === CHUNK_ROWS) {
        chunk = this.pool.take();
        this.chunks.push(chunk);
        this.tail = chunk;
      }
      const n = Math.min(from.size - i, CHUNK_ROWS - chunk.size);
      const at = chunk.size;
      for (let k = 0; k < n; k++) chunk.values[at + k] = from.values[i + k];
      chunk.ts.set(from.ts.subarray(i, i + n), at);
      chunk.createdAt.set(from.createdAt.subarray(i, i + n), at);
      chunk.ingestedAt.set(from.ingestedAt.subarray(i, i + n), at);
      chunk.size += n;
      this.length += n;
      i += n;
    }
  }
}

/** Where a chunk of a stage's rows goes next: an operator's input, a shuffle write, a buffer. */
export interface ChunkConsumer {
  /** Takes the chunk's rows now; the chunk is reused after the call, so it must not be kept. */
  consume(chunk: RowChunk): void;
}

/**
 * An operator's output inside a stage: one chunk, handed to every consumer when it is full and when the
 * operator is flushed. Every operator emits through this one class, so `push` stays monomorphic.
 */
export class ChunkOutput {
  private readonly chunk = new RowChunk();

  constructor(private readonly consumers: readonly ChunkConsumer[]) {}

  push(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const chunk = this.chunk;
    const i = chunk.size;
    chunk.values[i] = value;
    chunk.ts[i] = ts;
    chunk.createdAt[i] = createdAt;
    chunk.ingestedAt[i] = ingestedAt;
    chunk.size = i + 1;
    if (i + 1 === CHUNK_ROWS) this.flush();
  }

  /** Hands the rows pushed so far to the consumers (downstream operators run on them at once). */
  flush(): void {
    const chunk = this.chunk;
    if (chunk.size === 0) return;
    for (const consumer of this.consumers) consumer.consume(chunk);
    chunk.values.fill(undefined, 0, chunk.size); // do not keep the rows alive until the next batch
    chunk.size = 0;
  }
}

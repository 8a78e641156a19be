/**
 * The end of a chain that feeds a network exchange (Flink's RecordWriter): picks the subpartition
 * (hash by key group, or forward), appends the record to its open buffer, and finishes the buffer when
 * it is full, or at once when bufferTimeoutMs is 0. Watermarks are broadcast to every subpartition as
 * in-band elements (they wait in the buffer like records); end-of-partition and checkpoint barriers are
 * events that flush ("barriers never overtake records, they flow strictly in line" [F-SSP]).
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { Link } from '../operators/link.js';
import type { ResultSubpartition } from './channel.js';
import { CHECKPOINT_BARRIER, END_OF_PARTITION, RECORD, WATERMARK } from './network-buffer.js';

export class RecordWriter implements Link {
  constructor(
    readonly subpartitions: readonly ResultSubpartition[],
    /** Maps a value to its subpartition; null for a one-to-one forward edge. */
    private readonly route: ((value: unknown) => number) | null,
    private readonly flushEveryRecord: boolean,
  ) {}

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const sp = this.subpartitions[this.route === null ? 0 : this.route(value)];
    const buffer = sp.open();
    const i = buffer.size++;
    buffer.kinds[i] = RECORD;
    buffer.values[i] = value;
    buffer.ts[i] = ts;
    buffer.createdAt[i] = createdAt;
    buffer.ingestedAt[i] = ingestedAt;
    buffer.records++;
    if (this.flushEveryRecord || buffer.size === buffer.capacity) sp.finish();
  }

  watermark(wm: Millis): void {
    for (const sp of this.subpartitions) this.append(sp, WATERMARK, wm);
  }

  finish(): void {
    for (const sp of this.subpartitions) {
      this.append(sp, END_OF_PARTITION, 0);
      sp.finish();
    }
  }

  /** Sends checkpoint barrier `id` behind everything already written, on every subpartition. */
  broadcastBarrier(id: number): void {
    for (const sp of this.subpartitions) {
      this.append(sp, CHECKPOINT_BARRIER, id);
      sp.finish();
    }
  }

  /** The periodic output flusher: ends every non-empty open buffer. */
  flush(): void {
    for (const sp of this.subpartitions) sp.finish();
  }

  private append(sp: ResultSubpartition, kind: number, ts: Millis): void {
    let buffer = sp.open();
    if (buffer.size === buffer.capacity) {
      sp.finish();
      buffer = sp.open();
    }
    const i = buffer.size++;
    buffer.kinds[i] = kind;
    buffer.ts[i] = ts;
    // Keep the invariant that an open buffer is never full: `process` writes without checking.
    if (this.flushEveryRecord || buffer.size === buffer.capacity) sp.finish();
  }
}

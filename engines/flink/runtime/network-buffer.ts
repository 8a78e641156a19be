/**
 * A network buffer: Flink's 32 KiB memory segment, here a fixed number of element slots stored as
 * parallel arrays (no object per record). An element is a record, a watermark, end-of-partition, or a
 * checkpoint barrier (its `ts` slot holds the checkpoint id).
 */
export const RECORD = 0;
export const WATERMARK = 1;
export const END_OF_PARTITION = 2;
export const CHECKPOINT_BARRIER = 3;

export class NetworkBuffer {
  readonly kinds: Uint8Array;
  readonly values: unknown[];
  /** Event time of a record, the watermark's time, or the barrier's checkpoint id. */
  readonly ts: Float64Array;
  readonly createdAt: Float64Array;
  readonly ingestedAt: Float64Array;
  size = 0;
  /** Records (not watermarks/events) in this buffer, for in-flight accounting. */
  records = 0;
  /** Whether the receiver took a floating buffer (rather than an exclusive one) to accept it. */
  floating = false;

  constructor(readonly capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.values = new Array(capacity);
    this.ts = new Float64Array(capacity);
    this.createdAt = new Float64Array(capacity);
    this.ingestedAt = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  reset(): void {
    this.values.fill(undefined, 0, this.size);
    this.size = 0;
    this.records = 0;
    this.floating = false;
  }
}

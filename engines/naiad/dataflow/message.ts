/**
 * Data-plane messages: a batch of records that share one logical timestamp (timely's `Message`, Naiad's
 * SendBy batched). Columnar, so a record is four plain writes and no object: the value, its event time,
 * and its two latency stamps. Once consumed, a message goes back to the pool of the worker that filled
 * it (timely returns emptied buffers to their sender), so an Exchange channel does not drain one
 * worker's pool into another's.
 *
 * Costs: push O(1), no allocation; a queue's push/shift O(1) amortised; recycling O(capacity) (it
 * drops the value references, so consumed records do not outlive their message in the old generation).
 */
import type { Timestamp } from '../progress/timestamp.js';

/** A batch of records at one logical timestamp, in columns (no object per record). */
export class Message {
  time: Timestamp = [];
  length = 0;
  /** Records already handed on by an operator that stalled mid-message (a sink); 0 otherwise. */
  cursor = 0;
  readonly values: unknown[] = [];
  readonly ts: Float64Array;
  readonly createdAt: Float64Array;
  readonly ingestedAt: Float64Array;

  constructor(
    readonly capacity: number,
    /** Where the message returns once consumed. */
    readonly pool: MessagePool,
  ) {
    this.ts = new Float64Array(capacity);
    this.createdAt = new Float64Array(capacity);
    this.ingestedAt = new Float64Array(capacity);
  }
}

/** Spare messages of one capacity (timely recycles its buffers the same way). */
export class MessagePool {
  private readonly free: Message[] = [];

  constructor(readonly capacity: number) {}

  take(): Message {
    return this.free.pop() ?? new Message(this.capacity, this);
  }

  /** Takes back a consumed message of this pool. */
  give(m: Message): void {
    if (m.pool !== this) throw new Error('a message returned to a pool it does not belong to');
    m.values.fill(undefined, 0, m.length);
    m.length = 0;
    m.cursor = 0;
    this.free.push(m);
  }
}

/** The FIFO of messages waiting at one operator input on one worker. */
export class MessageQueue {
  private items: Message[] = [];
  private head = 0;
  /** Records in the queued messages. */
  records = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(m: Message): void {
    this.items.push(m);
    this.records += m.length;
  }

  peek(): Message {
    return this.items[this.head];
  }

  shift(): Message {
    const m = this.items[this.head++];
    this.records -= m.length;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
    return m;
  }
}

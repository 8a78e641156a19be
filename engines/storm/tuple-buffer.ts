/**
 * A growable FIFO of addressed tuples, beside the bounded queues: an executor's pendingEmits overflow,
 * a producer batch, a stateful bolt's tuples waiting for INITSTATE. Same slots as a queue.
 */
import type { Millis } from '../../workloads/plan/index.js';
import type { Anchor } from './message-id.js';
import { type TupleQueue, TupleSlots } from './tuple-queue.js';

/** An unbounded FIFO of tuples with their destination, growing as needed. */
export class TupleBuffer extends TupleSlots {
  head = 0;
  tail = 0;

  constructor() {
    super(16);
  }

  get size(): number {
    return this.tail - this.head;
  }

  push(
    dest: number,
    stream: number,
    source: number,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    anchor: Anchor,
    idHi: number,
    idLo: number,
  ): void {
    if (this.tail === this.stream.length) {
      // Double, or just compact when the head has moved far.
      const live = this.tail - this.head;
      this.relayout(Math.max(16, live * 2), this.head, live, -1);
      this.head = 0;
      this.tail = live;
    }
    this.write(this.tail++, dest, stream, source, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
  }

  /** Forgets the head tuple (after it was sent on). */
  dropHead(): void {
    this.release(this.head++);
    if (this.head === this.tail) this.head = this.tail = 0;
  }

  /** Moves the head tuple into `queue` (which has room) and forgets it here. */
  moveHeadTo(queue: TupleQueue): void {
    const i = this.head;
    queue.put(
      this.dest[i],
      this.stream[i],
      this.source[i],
      this.value[i],
      this.ts[i],
      this.createdAt[i],
      this.ingestedAt[i],
      this.anchor[i],
      this.idHi[i],
      this.idLo[i],
    );
    this.dropHead();
  }
}

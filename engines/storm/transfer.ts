/**
 * How an executor's emits reach other executors (Storm 2's ExecutorTransfer and WorkerTransfer):
 *
 *   emit ─▶ [producer batch] ─▶ receive queue of the target             (same worker)
 *   emit ─▶ [producer batch] ─▶ worker transfer queue ─▶ receive queue   (another worker)
 *
 * - tryTransfer: a tuple goes into the target's queue when it has room and nothing is waiting in this
 *   executor's overflow (Storm's pendingEmits); otherwise it joins the overflow, in emit order, and the
 *   executor takes no new input until the overflow has drained: a full queue backpressures its producers.
 * - producerBatchSize > 1: tuples wait in a per-queue batch until it is full or the flush timer
 *   (batchFlushIntervalMs, Storm's flush tuples) publishes it, as JCQueue's BatchInserter. A full batch
 *   that cannot be published refuses the tuple, which joins the overflow; draining the overflow goes
 *   through the batch again, so tuples from one executor to one queue stay in emit order.
 * - transferBatchSize > 1: a worker's transfer queue is drained only once it holds a batch, or when the
 *   flush timer fires. Departure: Storm batches per destination worker; here per sending worker.
 */
import type { Millis } from '../../workloads/plan/index.js';
import type { Anchor } from './message-id.js';
import { TupleBuffer } from './tuple-buffer.js';
import { ACK_ACK, ACK_FAIL, ACK_INIT, CHECKPOINT, DATA, DATA_RIGHT, type TupleQueue } from './tuple-queue.js';

/** Transfer counters of a run. */
export class TransferStats {
  /** Tuples sent, by stream (tuple-queue.ts). */
  readonly byStream = new Float64Array(CHECKPOINT + 1);
  /** Tuples that crossed a worker's transfer queue. */
  remoteTuples = 0;
  /** Tuples that found their queue full and waited in an executor's overflow (pendingEmits). */
  overflowedTuples = 0;

  /** Data tuples emitted by spouts and bolts (replays included). */
  get dataTuples(): number {
    return this.byStream[DATA] + this.byStream[DATA_RIGHT];
  }

  /** __ack_init, __ack_ack and __ack_fail messages sent to ackers. */
  get ackerMessages(): number {
    return this.byStream[ACK_INIT] + this.byStream[ACK_ACK] + this.byStream[ACK_FAIL];
  }

  /** Everything else: acker → spout, watermarks, end of stream, checkpoint tuples. */
  get systemTuples(): number {
    return this.byStream.reduce((a, b) => a + b, 0) - this.dataTuples - this.ackerMessages;
  }
}

/** An executor's sending side: its overflow and producer batches. */
export class ExecutorTransfer {
  /** Storm's pendingEmits: what did not fit into a full queue, in emit order. */
  readonly overflow = new TupleBuffer();
  private readonly batches: TupleBuffer[];
  private batched = 0;

  constructor(
    private readonly queues: readonly TupleQueue[],
    /** For each destination task, the queue this executor hands it to (its receive or a transfer queue). */
    private readonly hop: Int32Array,
    readonly self: number,
    private readonly batchSize: number,
    private readonly stats: TransferStats,
  ) {
    this.batches = batchSize > 1 ? queues.map(() => new TupleBuffer()) : [];
  }

  send(
    dest: number,
    stream: number,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    anchor: Anchor,
    idHi: number,
    idLo: number,
  ): void {
    this.stats.byStream[stream]++;
    if (
      this.overflow.size > 0 ||
      !this.tryTransfer(dest, stream, value, ts, createdAt, ingestedAt, anchor, idHi, idLo)
    ) {
      this.overflow.push(dest, stream, this.self, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
      this.stats.overflowedTuples++;
    }
  }

  /** An acker-stream message (see TupleQueue.putAck), on the same path as `send`. */
  sendAck(dest: number, stream: number, root: number, hi: number, lo: number): void {
    if (this.overflow.size === 0 && this.batchSize === 1) {
      const q = this.queues[this.hop[dest]];
      if (q.free > 0) {
        this.stats.byStream[stream]++;
        q.putAck(dest, stream, this.self, root, hi, lo);
        return;
      }
    }
    this.send(dest, stream, null, 0, 0, 0, root, hi, lo);
  }

  /**
   * The queue for `n` acker-stream messages to `dest` when they can all go straight in (nothing
   * waiting, no batching, room for all), counted as sent; null otherwise (send them one by one).
   */
  reserveAcks(dest: number, stream: number, n: number): TupleQueue | null {
    if (this.overflow.size > 0 || this.batchSize !== 1) return null;
    const q = this.queues[this.hop[dest]];
    if (q.free < n) return null;
    this.stats.byStream[stream] += n;
    return q;
  }

  /** Retries the overflow in order; true once it is empty and the executor may take input again. */
  drain(): boolean {
    const o = this.overflow;
    while (o.size > 0) {
      const i = o.head;
      const sent = this.tryTransfer(
        o.dest[i],
        o.stream[i],
        o.value[i],
        o.ts[i],
        o.createdAt[i],
        o.ingestedAt[i],
        o.anchor[i],
        o.idHi[i],
        o.idLo[i],
      );
      if (!sent) return false;
      o.dropHead();
    }
    return true;
  }

  /** Tuples waiting in producer batches (the flush timer's business). */
  get waiting(): number {
    return this.batched;
  }

  /** The flush tuple: publishes every partial batch as far as the queues take it. */
  flush(): void {
    if (this.batched === 0) return;
    for (let qi = 0; qi < this.batches.length; qi++) {
      if (this.batches[qi].size > 0) this.flushBatch(qi);
    }
  }

  private tryTransfer(
    dest: number,
    stream: number,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    anchor: Anchor,
    idHi: number,
    idLo: number,
  ): boolean {
    const qi = this.hop[dest];
    if (this.batchSize === 1) {
      const q = this.queues[qi];
      if (q.free === 0) return false;
      q.put(dest, stream, this.self, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
      return true;
    }
    const batch = this.batches[qi];
    if (batch.size >= this.batchSize && !this.flushBatch(qi)) return false;
    batch.push(dest, stream, this.self, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
    this.batched++;
    if (batch.size >= this.batchSize) this.flushBatch(qi);
    return true;
  }

  /** Publishes as much of a batch as its queue has room for; true when the batch is empty. */
  private flushBatch(qi: number): boolean {
    const batch = this.batches[qi];
    const q = this.queues[qi];
    while (batch.size > 0 && q.free > 0) {
      batch.moveHeadTo(q);
      this.batched--;
    }
    return batch.size === 0;
  }
}

/** A worker's outbound transfer queue, drained into the receive queues of other workers' executors. */
export class WorkerTransfer {
  private flushDue = false;

  constructor(
    readonly queue: TupleQueue,
    /** Receive queues by task id. */
    private readonly receiveQueues: readonly TupleQueue[],
    private readonly batchSize: number,
    private readonly stats: TransferStats,
  ) {}

  /** Moves tuples on, in order, while their receive queues have room; returns whether it moved any. */
  step(): boolean {
    const q = this.queue;
    if (q.size === 0 || (q.size < this.batchSize && !this.flushDue)) return false;
    this.flushDue = false;
    let moved = false;
    while (q.size > 0) {
      const target = this.receiveQueues[q.dest[q.first]];
      if (target.free === 0) break;
      q.moveHeadTo(target);
      this.stats.remoteTuples++;
      moved = true;
    }
    return moved;
  }

  /** The flush timer: the next step sends a partial batch too. */
  flush(): void {
    if (this.queue.size > 0) this.flushDue = true;
  }
}

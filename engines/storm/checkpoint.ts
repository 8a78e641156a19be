/**
 * The bolt side of Storm's state checkpointing (BaseStatefulBoltExecutor, StatefulBoltExecutor and
 * CheckpointTupleForwarder), for topologies with stateful bolts [ST-STATE]:
 *
 * - A checkpoint tuple (txid, action) is handled once it has arrived from every task that sends this one
 *   checkpoints; the copies before the last are acked at once. Older transactions are acked and ignored.
 * - Stateful bolt (a keyed process): INITSTATE initialises the state and runs the tuples that arrived
 *   before it; PREPARE saves a copy of the state and moves the acks logged since the last PREPARE to the
 *   prepared list; COMMIT commits the copy and only then acks the prepared tuples; ROLLBACK restores the
 *   committed state and fails every logged tuple (prepared or not), so the spouts replay them. Acks of
 *   data tuples wait for the commit (AckTrackingOutputCollector).
 * - Any other bolt (window, sink, stateless) just forwards (CheckpointTupleForwarder).
 * - Either way the checkpoint is forwarded, anchored, to every task of every downstream component, and
 *   acked. Data never waits for checkpoints (no alignment): the guarantee stays at-least-once.
 */
import type { Millis } from '../../workloads/plan/index.js';
import type { BoltExecutor } from './bolt-executor.js';
import type { KeyValueState } from './key-value-state.js';
import type { Anchor } from './message-id.js';
import type { AckerClient, OutputCollector } from './output-collector.js';
import { TupleBuffer } from './tuple-buffer.js';

/** CheckPointState.Action: save a copy of the state for the transaction. */
export const PREPARE = 0;
/** Commit the prepared state. */
export const COMMIT = 1;
/** Back to the committed state; fail what is not committed. */
export const ROLLBACK = 2;
/** Initialise the state (the first step, and the end of a recovery). */
export const INITSTATE = 3;

/** Acks a stateful bolt has logged, not yet sent: (anchor, id, ack value) per tuple. */
export class AckLog {
  private anchors: Anchor[] = [];
  private words: number[] = [];

  get size(): number {
    return this.anchors.length;
  }

  push(anchor: Anchor, idHi: number, idLo: number, ackHi: number, ackLo: number): void {
    this.anchors.push(anchor);
    this.words.push(idHi, idLo, ackHi, ackLo);
  }

  /** Appends everything logged here to `other` and empties this log. */
  moveTo(other: AckLog): void {
    for (const a of this.anchors) other.anchors.push(a);
    for (const w of this.words) other.words.push(w);
    this.anchors = [];
    this.words = [];
  }

  ackAll(acker: AckerClient): void {
    const w = this.words;
    this.anchors.forEach((a, i) => {
      acker.ack(a, w[4 * i], w[4 * i + 1], w[4 * i + 2], w[4 * i + 3]);
    });
    this.anchors = [];
    this.words = [];
  }

  failAll(acker: AckerClient): void {
    for (const a of this.anchors) acker.fail(a);
    this.anchors = [];
    this.words = [];
  }
}

/** The checkpoint protocol of one bolt task: a stateful bolt's, or a forwarder's (state null). */
export class CheckpointHandler {
  /** False until INITSTATE reaches a stateful bolt: until then its input waits in `early`. */
  initialized: boolean;
  private readonly arrivals = new Map<number, number>();
  private lastTxid = Number.NEGATIVE_INFINITY;
  private readonly early = new TupleBuffer();
  private readonly acked = new AckLog();
  private readonly prepared = new AckLog();

  constructor(
    /** Tasks that send this one checkpoint tuples. */
    private readonly senders: number,
    /** The bolt's state when it is a stateful bolt; null for a forwarder. */
    private readonly state: KeyValueState | null,
    collector: OutputCollector,
  ) {
    this.initialized = state === null;
    if (state !== null) collector.ackLog = this.acked;
  }

  /** A tuple that reached a stateful bolt before INITSTATE (StatefulBoltExecutor's pendingTuples). */
  hold(
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
    this.early.push(0, stream, source, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
  }

  receive(
    executor: BoltExecutor,
    txid: number,
    action: number,
    anchor: Anchor,
    idHi: number,
    idLo: number,
  ): void {
    const c = executor.collector;
    c.begin(anchor, idHi, idLo);
    const request = txid * 4 + action;
    const count = (this.arrivals.get(request) ?? 0) + 1;
    if (count < this.senders) {
      this.arrivals.set(request, count);
      c.acker.ack(anchor, idHi, idLo, 0, 0);
      return;
    }
    this.arrivals.delete(request);
    if (txid < this.lastTxid) {
      c.acker.ack(anchor, idHi, idLo, 0, 0);
      return;
    }
    if (this.state !== null && !this.apply(action, txid, c)) return;
    this.lastTxid = action === ROLLBACK ? txid - 1 : txid;
    c.checkpoint(txid, action);
    c.acker.ack(anchor, idHi, idLo, c.ackHi, c.ackLo);
    if (action === INITSTATE && !this.initialized) {
      // Forwarded first, so that no task downstream can see this one's end of stream before it.
      this.initialized = true;
      const e = this.early;
      while (e.size > 0) {
        const i = e.head;
        const a = e.anchor[i];
        const value = e.value[i];
        e.dropHead();
        executor.handle(
          e.stream[i],
          e.source[i],
          value,
          e.ts[i],
          e.createdAt[i],
          e.ingestedAt[i],
          a,
          e.idHi[i],
          e.idLo[i],
        );
      }
    }
  }

  /** StatefulBoltExecutor.handleCheckpoint; false when it failed the checkpoint tuple instead. */
  private apply(action: number, txid: number, c: OutputCollector): boolean {
    const state = this.state!;
    switch (action) {
      case PREPARE:
        if (!this.initialized) {
          c.fail(); // the task restarted mid-way: fail fast and let the spout recover
          return false;
        }
        state.prepareCommit(txid);
        this.acked.moveTo(this.prepared);
        break;
      case COMMIT:
        state.commit(txid);
        this.prepared.ackAll(c.acker);
        break;
      case ROLLBACK:
        state.rollback();
        this.prepared.failAll(c.acker);
        this.acked.failAll(c.acker);
        break;
    }
    return true;
  }
}

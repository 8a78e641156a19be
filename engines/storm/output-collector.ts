/**
 * A bolt's or spout's OutputCollector (BoltOutputCollectorImpl, SpoutOutputCollectorImpl): routes each
 * emit through the stream groupings, anchors it, and sends acks and fails to the acker that owns each
 * root.
 *
 * Anchoring (the XOR bookkeeping): emitting a child anchored to the input tuple draws a random edge id
 * per target task, gives it to the child as its id in every root of the input, and XORs it into the
 * input's ack value. Acking the input then sends, per root, `inputId ^ ackValue` to the acker: the
 * input's id leaves the tree and its children's ids enter it, in one message. A spout tuple has no id of
 * its own, so its ack value is exactly the __ack_init value. Emits from a timer have no input tuple: they
 * are unanchored (Storm's unanchored emit), so they are not tracked and never replayed.
 */
import type { Millis } from '../../workloads/plan/index.js';
import { type Anchor, type EdgeIds, RootSet } from './message-id.js';
import type { ExecutorTransfer } from './transfer.js';
import { ACK_ACK, ACK_FAIL, CHECKPOINT, END, WATERMARK } from './tuple-queue.js';

/** One subscribed consumer of this component's output. */
export interface OutputEdge {
  /** The consumer's input stream (DATA, or DATA_RIGHT for a two-input bolt's right input). */
  readonly stream: number;
  /** The consumer's task ids, by task index. */
  readonly targets: Int32Array;
  /** Fields grouping: value → task index; null for local grouping (the same task index). */
  readonly route: ((value: unknown) => number) | null;
}

/** Anchors for a child of several tuples (a window result): draws the edges and builds the roots. */
export interface AnchorSource {
  childAnchor(ids: EdgeIds): Anchor;
}

/** Sends acks and fails to ackers: the root id picks the acker (Storm's mod hashing). */
export class AckerClient {
  constructor(
    private readonly transfer: ExecutorTransfer,
    private readonly ackers: Int32Array,
  ) {}

  /** Whether tuples are tracked at all (topology.acker.executors > 0). */
  get enabled(): boolean {
    return this.ackers.length > 0;
  }

  /** Storm's __ack_ack for every root of a tuple: its id (per root) XOR its ack value. */
  ack(anchor: Anchor, idHi: number, idLo: number, ackHi: number, ackLo: number): void {
    if (anchor === null || this.ackers.length === 0) return;
    if (typeof anchor === 'number') {
      this.send(ACK_ACK, anchor, idHi ^ ackHi, idLo ^ ackLo);
      return;
    }
    const { roots, hi, lo } = anchor;
    const n = roots.length;
    // One acker with room for all of them (the common case): straight into its queue.
    const q = this.ackers.length === 1 ? this.transfer.reserveAcks(this.ackers[0], ACK_ACK, n) : null;
    if (q !== null) {
      const dest = this.ackers[0];
      const self = this.transfer.self;
      if (hi === null || lo === null) {
        for (let i = 0; i < n; i++) q.putAck(dest, ACK_ACK, self, roots[i], idHi ^ ackHi, idLo ^ ackLo);
      } else {
        for (let i = 0; i < n; i++) q.putAck(dest, ACK_ACK, self, roots[i], hi[i] ^ ackHi, lo[i] ^ ackLo);
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const h = hi === null ? idHi : hi[i];
      const l = lo === null ? idLo : lo[i];
      this.send(ACK_ACK, roots[i], h ^ ackHi, l ^ ackLo);
    }
  }

  /** Storm's __ack_fail for every root of a tuple. */
  fail(anchor: Anchor): void {
    if (anchor === null || this.ackers.length === 0) return;
    if (typeof anchor === 'number') {
      this.send(ACK_FAIL, anchor, 0, 0);
      return;
    }
    for (const root of anchor.roots) this.send(ACK_FAIL, root, 0, 0);
  }

  /** One message on an acker stream; the sending task travels in the tuple's source slot. */
  send(stream: number, root: number, hi: number, lo: number): void {
    const n = this.ackers.length;
    this.transfer.sendAck(this.ackers[n === 1 ? 0 : root % n], stream, root, hi, lo);
  }
}

/** Where a stateful bolt's acks wait instead of going to the acker (see checkpoint.ts's AckLog). */
export interface AckSink {
  push(anchor: Anchor, idHi: number, idLo: number, ackHi: number, ackLo: number): void;
}

/**
 * The collector of one task: what its bolt or spout emits with, acks and fails through. It keeps the
 * message id and ack value of the input being executed, so every emit is anchored to it.
 */
export class OutputCollector {
  /** The message id of the input tuple being executed, and its ack value (XOR of its children's ids). */
  anchor: Anchor = null;
  idHi = 0;
  idLo = 0;
  ackHi = 0;
  ackLo = 0;
  /** Set by a bolt that keeps the input to ack it later (a windowed bolt acks on expiry). */
  held = false;
  /** Fault injection: this input will be failed once executed (a bolt that holds inputs must not hold it). */
  failing = false;
  /** While set, emits are anchored to several tuples instead of the input. */
  multi: AnchorSource | null = null;
  /** Stateful bolts (AckTrackingOutputCollector): acks wait here for the checkpoint's commit. */
  ackLog: AckSink | null = null;

  constructor(
    readonly taskIndex: number,
    readonly transfer: ExecutorTransfer,
    readonly outputs: readonly OutputEdge[],
    /** Every task this one sends anything to (data or checkpoint): they all get its end of stream. */
    readonly receivers: Int32Array,
    /** Tasks that get this task's checkpoint tuples (all tasks of every downstream component). */
    readonly checkpointTargets: Int32Array,
    readonly acker: AckerClient,
    readonly ids: EdgeIds,
  ) {}

  /** Starts executing an input tuple: it becomes the anchor of every emit until the next one. */
  begin(anchor: Anchor, idHi: number, idLo: number): void {
    this.anchor = anchor;
    this.idHi = idHi;
    this.idLo = idLo;
    this.ackHi = 0;
    this.ackLo = 0;
    this.held = false;
    this.failing = false;
  }

  /** Emits a value to every subscribed consumer (one tuple per consumer, routed by its grouping). */
  emit(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const outputs = this.outputs;
    for (let k = 0; k < outputs.length; k++) {
      const out = outputs[k];
      const dest = out.targets[out.route === null ? this.taskIndex : out.route(value)];
      let anchor: Anchor = null;
      let hi = 0;
      let lo = 0;
      if (this.multi !== null) {
        anchor = this.multi.childAnchor(this.ids);
      } else if (this.anchor !== null) {
        this.ids.next();
        hi = this.ids.hi;
        lo = this.ids.lo;
        this.ackHi ^= hi;
        this.ackLo ^= lo;
        anchor = this.anchor instanceof RootSet ? this.anchor.uniform() : this.anchor;
      }
      this.transfer.send(dest, out.stream, value, ts, createdAt, ingestedAt, anchor, hi, lo);
    }
  }

  /** Acks the input tuple being executed (or logs the ack until the commit, in a stateful bolt). */
  ack(): void {
    if (this.anchor === null) return;
    if (this.ackLog !== null) this.ackLog.push(this.anchor, this.idHi, this.idLo, this.ackHi, this.ackLo);
    else this.acker.ack(this.anchor, this.idHi, this.idLo, this.ackHi, this.ackLo);
  }

  /** Fails the input tuple being executed: its trees fail and their spouts replay them. */
  fail(): void {
    this.acker.fail(this.anchor);
  }

  /** Sends an untracked watermark to every task subscribed to this one's data. */
  watermark(wm: Millis): void {
    for (const out of this.outputs) {
      if (out.route === null) this.systemTuple(out.targets[this.taskIndex], WATERMARK, wm);
      else for (const dest of out.targets) this.systemTuple(dest, WATERMARK, wm);
    }
  }

  /** End of stream to every receiver (the emulation's end of input). */
  end(): void {
    for (const dest of this.receivers) this.systemTuple(dest, END, 0);
  }

  /** Forwards a checkpoint tuple to every checkpoint target, anchored to the input (allGrouping). */
  checkpoint(txid: number, action: number): void {
    const anchor = this.anchor instanceof RootSet ? this.anchor.uniform() : this.anchor;
    for (const dest of this.checkpointTargets) {
      let hi = 0;
      let lo = 0;
      if (anchor !== null) {
        this.ids.next();
        hi = this.ids.hi;
        lo = this.ids.lo;
        this.ackHi ^= hi;
        this.ackLo ^= lo;
      }
      this.transfer.send(dest, CHECKPOINT, action, txid, 0, 0, anchor, hi, lo);
    }
  }

  private systemTuple(dest: number, stream: number, ts: Millis): void {
    this.transfer.send(dest, stream, null, ts, 0, 0, null, 0, 0);
  }
}

/**
 * An executor's bounded receive queue (Storm 2's JCQueue over a JCTools MPSC ring, default 32768 slots),
 * and the stream ids. A tuple is stored as parallel arrays, one slot per tuple, so moving a tuple
 * allocates nothing.
 *
 * Slot layout: the stream, the sending task, the destination task (for a worker's transfer queue),
 * the value and its three stamps, and the tuple's message id: its anchor (root ids) and 64-bit edge id as
 * two 32-bit halves. Acker streams reuse the slots as Storm reuses tuple fields: `anchor` holds the root
 * id, `idHi/idLo` the XOR value, `source` the sending task (the spout task, on __ack_init). Checkpoint
 * tuples carry their txid in `ts` and their action in `value`.
 */
import type { Millis } from '../../workloads/plan/index.js';
import type { Anchor } from './message-id.js';

/** Data on a bolt's input 0 (the left input of a two-input bolt). */
export const DATA = 0;
/** Data on a two-input bolt's right input. */
export const DATA_RIGHT = 1;
/** A watermark (system stream; untracked). `ts` is its time. */
export const WATERMARK = 2;
/** End of a task's output (the emulation's end of input; Storm topologies never end). */
export const END = 3;
/** Storm's __ack_init: spout → acker, root and the XOR of the ids it emitted. */
export const ACK_INIT = 4;
/** Storm's __ack_ack: bolt → acker, root and tuple id XOR the ids anchored to it. */
export const ACK_ACK = 5;
/** Storm's __ack_fail: bolt → acker. */
export const ACK_FAIL = 6;
/** Acker → spout (emitDirect on __ack_ack): the tree of `anchor` completed. */
export const SPOUT_ACK = 7;
/** Acker → spout (emitDirect on __ack_fail): the tree of `anchor` failed. */
export const SPOUT_FAIL = 8;
/** Storm's $checkpoint stream; `ts` is the txid, `value` the action. Tracked like data. */
export const CHECKPOINT = 9;

/** The slots every tuple store shares. */
export abstract class TupleSlots {
  stream: Uint8Array;
  source: Int32Array;
  dest: Int32Array;
  value: unknown[];
  ts: Float64Array;
  createdAt: Float64Array;
  ingestedAt: Float64Array;
  anchor: Anchor[];
  idHi: Int32Array;
  idLo: Int32Array;

  constructor(length: number) {
    this.stream = new Uint8Array(length);
    this.source = new Int32Array(length);
    this.dest = new Int32Array(length);
    this.value = new Array(length).fill(undefined);
    this.ts = new Float64Array(length);
    this.createdAt = new Float64Array(length);
    this.ingestedAt = new Float64Array(length);
    this.anchor = new Array(length).fill(null);
    this.idHi = new Int32Array(length);
    this.idLo = new Int32Array(length);
  }

  protected write(
    i: number,
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
    this.stream[i] = stream;
    this.source[i] = source;
    this.dest[i] = dest;
    this.value[i] = value;
    this.ts[i] = ts;
    this.createdAt[i] = createdAt;
    this.ingestedAt[i] = ingestedAt;
    this.anchor[i] = anchor;
    this.idHi[i] = idHi;
    this.idLo[i] = idLo;
  }

  /** Copies slot `i` of `from` into slot `j` here. */
  protected copy(from: TupleSlots, i: number, j: number): void {
    this.write(
      j,
      from.dest[i],
      from.stream[i],
      from.source[i],
      from.value[i],
      from.ts[i],
      from.createdAt[i],
      from.ingestedAt[i],
      from.anchor[i],
      from.idHi[i],
      from.idLo[i],
    );
  }

  /** Forgets the references a consumed slot holds. */
  protected release(i: number): void {
    this.value[i] = undefined;
    this.anchor[i] = null;
  }

  /** Moves to slot arrays of `length`, keeping the `count` tuples from `head` (slots `& mask`) first. */
  protected relayout(length: number, head: number, count: number, mask: number): void {
    const next = new Slots(length);
    for (let k = 0; k < count; k++) next.copy(this, (head + k) & mask, k);
    this.stream = next.stream;
    this.source = next.source;
    this.dest = next.dest;
    this.value = next.value;
    this.ts = next.ts;
    this.createdAt = next.createdAt;
    this.ingestedAt = next.ingestedAt;
    this.anchor = next.anchor;
    this.idHi = next.idHi;
    this.idLo = next.idLo;
  }
}

/** Plain slot arrays (what a store moves to when it grows). */
class Slots extends TupleSlots {}

/**
 * A bounded FIFO ring; `head` and `tail` only grow, the slot is `index & mask`. It holds at most
 * `capacity` tuples; its slot arrays start small and double as it fills (up to `capacity`), so an
 * executor that never queues much never pays for 32768 slots.
 */
export class TupleQueue extends TupleSlots {
  private mask: number;
  head = 0;
  tail = 0;
  /** Deepest the queue has been (a backpressure measure). */
  maxDepth = 0;

  constructor(readonly capacity: number) {
    if ((capacity & (capacity - 1)) !== 0) throw new RangeError(`queue capacity ${capacity} is not 2^n`);
    const length = Math.min(capacity, 1024);
    super(length);
    this.mask = length - 1;
  }

  get size(): number {
    return this.tail - this.head;
  }

  get free(): number {
    return this.capacity - (this.tail - this.head);
  }

  /** The slot of the head tuple. */
  get first(): number {
    return this.head & this.mask;
  }

  /** Appends one tuple; the caller has checked `free > 0` (Storm's tryPublish). */
  put(
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
    this.write(this.claim(), dest, stream, source, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
  }

  /**
   * Appends an acker-stream tuple (__ack_*, or the acker's reply to a spout): its reader looks at the
   * stream, source, root (in `anchor`) and XOR value only, so the other slots are left as they are.
   */
  putAck(dest: number, stream: number, source: number, root: number, hi: number, lo: number): void {
    const i = this.claim();
    this.stream[i] = stream;
    this.source[i] = source;
    this.dest[i] = dest;
    this.anchor[i] = root;
    this.idHi[i] = hi;
    this.idLo[i] = lo;
  }

  /** Releases the head slot after the consumer has read it. */
  pop(): void {
    this.release(this.head++ & this.mask);
  }

  /** Consumes the head tuple without clearing its slots: for tuples that hold no object (acker streams). */
  skip(): void {
    this.head++;
  }

  /** Moves the head tuple into `target` (which has room). */
  moveHeadTo(target: TupleQueue): void {
    target.copy(this, this.head & this.mask, target.claim());
    this.pop();
  }

  /** The slot for a new tail tuple, growing the slot arrays when they are full. */
  private claim(): number {
    const depth = this.tail - this.head;
    if (depth === this.mask + 1) {
      const length = 2 * depth;
      if (length > this.capacity) throw new RangeError('queue overflow: check `free` first');
      this.relayout(length, this.head, depth, this.mask);
      this.mask = length - 1;
      this.head = 0;
      this.tail = depth;
    }
    if (depth >= this.maxDepth) this.maxDepth = depth + 1;
    return this.tail++ & this.mask;
  }
}

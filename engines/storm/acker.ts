/**
 * The acker bolt (Storm's daemon/Acker.java): tracks every tuple tree by its root id with the XOR of
 * the ids that entered and left it, and tells the spout task when the XOR returns to 0 (complete) or a
 * bolt failed a tuple of the tree.
 *
 *   __ack_init (spout): val ^= XOR of the spout tuple's children ids; remember the spout task
 *   __ack_ack  (bolt):  val ^= tuple id ^ ids of the children anchored to it
 *   __ack_fail (bolt):  failed = true
 *   val == 0 (and init seen) ⇒ emitDirect(spoutTask, ack);  failed ⇒ emitDirect(spoutTask, fail)
 *
 * Messages may arrive in any order (an ack before its init creates the entry). Entries live in a
 * RotatingMap of 3 buckets rotated every message timeout (the acker's tick), so a tree nobody completes
 * is forgotten silently after 2T–3T; the spout's own timeout (T–2T) is what replays it [ST-ACK].
 * Departure: when message timeouts are off the acker does not rotate either, so that a tree held longer
 * than 3T (a long window) is not forgotten and the run can still end.
 */
import type { Millis } from '../../workloads/plan/index.js';
import { Executor } from './executor.js';
import { offsetOf, RotatingMap } from './rotating-map.js';
import type { ExecutorTransfer } from './transfer.js';
import { ACK_ACK, ACK_FAIL, ACK_INIT, SPOUT_ACK, SPOUT_FAIL, type TupleQueue } from './tuple-queue.js';

/** An __acker task: consumes the acker streams, tells spouts when their trees complete or fail. */
export class AckerExecutor extends Executor {
  /**
   * Storm's AckObject per root, as int columns of the pending map: [0, 1] the XOR so far (hi, lo),
   * [2] the spout task + 1 (0 until __ack_init), [3] whether a bolt failed the tree.
   */
  private readonly pending = new RotatingMap(3, { ints: 4, floats: 0, refs: 0 });
  private nextRotateAt: Millis;

  constructor(
    name: string,
    taskId: number,
    queue: TupleQueue,
    transfer: ExecutorTransfer,
    private readonly timeoutMs: Millis | null,
    startedAt: Millis,
  ) {
    super(name, taskId, queue, transfer);
    this.nextRotateAt = startedAt + (timeoutMs ?? Number.POSITIVE_INFINITY);
  }

  override get daemon(): boolean {
    return true;
  }

  override nextDue(): Millis {
    return this.pending.size > 0 ? this.nextRotateAt : Number.POSITIVE_INFINITY;
  }

  step(now: Millis): boolean {
    while (now >= this.nextRotateAt) {
      this.pending.rotate(() => {}); // forgotten silently: the spout's own timeout replays the tree
      this.nextRotateAt += this.timeoutMs!;
    }
    if (!this.ready()) return false;
    const q = this.queue;
    const pending = this.pending;
    let n = 0;
    // The acker takes all it has each turn: it gets several messages for every data tuple.
    while (q.size > 0) {
      const i = q.first;
      const stream = q.stream[i];
      const root = q.anchor[i] as number;
      const hi = q.idHi[i];
      const lo = q.idLo[i];
      const source = q.source[i];
      q.skip();
      n++;
      let page = pending.find(root);
      if (page === null) page = pending.insert(root);
      const o = offsetOf(root);
      const ints = page.ints;
      if (stream === ACK_FAIL) {
        ints[3][o] = 1;
      } else {
        if (stream !== ACK_ACK && stream !== ACK_INIT) throw new RangeError(`acker got stream ${stream}`);
        ints[0][o] ^= hi;
        ints[1][o] ^= lo;
        if (stream === ACK_INIT) ints[2][o] = source + 1;
      }
      const spoutTask = ints[2][o] - 1;
      if (spoutTask < 0) continue;
      if (ints[0][o] === 0 && ints[1][o] === 0) {
        pending.remove(root, page);
        this.transfer.sendAck(spoutTask, SPOUT_ACK, root, 0, 0);
      } else if (ints[3][o] === 1) {
        pending.remove(root, page);
        this.transfer.sendAck(spoutTask, SPOUT_FAIL, root, 0, 0);
      }
      if (this.transfer.overflow.size > 0) break;
    }
    return n > 0;
  }
}

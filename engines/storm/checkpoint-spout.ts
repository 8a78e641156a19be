/**
 * The $checkpointspout (Storm's CheckpointSpout and CheckPointState), added to a topology with stateful
 * bolts: one task that drives checkpoint transactions through the bolts as tracked tuples [ST-STATE].
 *
 *            ROLLBACK(tx)                PREPARE(tx)                 COMMIT(tx)
 *   COMMITTED(tx−1) ◀──── PREPARING(tx) ───────────▶ COMMITTING(tx) ──────────▶ COMMITTED(tx)
 *
 * It starts in recovery: INITSTATE first, so stateful bolts initialise before they run any tuple. Then,
 * every checkpointIntervalMs, PREPARE(tx+1); once that tree is acked (every bolt task has prepared),
 * COMMIT; once that is acked, the transaction is committed. One step is in flight at a time. A failed or
 * timed-out step starts recovery: a PREPARING transaction is rolled back (ROLLBACK, then INITSTATE), a
 * COMMITTING one is rolled forward (COMMIT again). The spout ends its stream once the data spouts have
 * ended and no transaction is open.
 * With the job's stateDir the transaction state is saved on every transition (tx-state.ts) and a
 * restarted topology starts recovering from the saved one, as CheckpointSpout does from its state.
 * Departure: CheckpointSpout keeps one in-progress flag per mode, so a step that fails leaves the
 * checkpoint flag set; here one flag is reset on every ack or fail of the step in flight.
 */
import type { Millis } from '../../workloads/plan/index.js';
import { COMMIT, INITSTATE, PREPARE, ROLLBACK } from './checkpoint.js';
import { Executor } from './executor.js';
import type { RootIds } from './message-id.js';
import type { OutputCollector } from './output-collector.js';
import { RotatingMap } from './rotating-map.js';
import type { StormStats } from './stats.js';
import type { ExecutorTransfer } from './transfer.js';
import { ACK_INIT, SPOUT_ACK, type TupleQueue } from './tuple-queue.js';
import { COMMITTED, COMMITTING, PREPARING, type TxState, type TxStateStore } from './tx-state.js';

/** The $checkpointspout task: one checkpoint step in flight at a time, tracked by the acker. */
export class CheckpointSpoutExecutor extends Executor {
  private txid = -1;
  private txState = COMMITTED;
  private recovering = true;
  private inFlight = -1;
  private lastCheckpointAt = Number.NEGATIVE_INFINITY;
  private readonly pending = new RotatingMap(2, { ints: 0, floats: 0, refs: 0 });
  private nextRotateAt: Millis;

  constructor(
    name: string,
    taskId: number,
    queue: TupleQueue,
    transfer: ExecutorTransfer,
    private readonly collector: OutputCollector,
    private readonly rootIds: RootIds,
    private readonly dataSpouts: readonly Executor[],
    private readonly intervalMs: Millis,
    private readonly timeoutMs: Millis | null,
    private readonly stats: StormStats,
    startedAt: Millis,
    private readonly txStore: TxStateStore | null = null,
  ) {
    super(name, taskId, queue, transfer);
    this.nextRotateAt = startedAt + (timeoutMs ?? Number.POSITIVE_INFINITY);
  }

  /** Starts recovery from a transaction state saved by an earlier process. */
  resumeFrom(tx: TxState): void {
    this.txid = tx.txid;
    this.txState = tx.state;
  }

  override nextDue(): Millis {
    if (this.finished) return Number.POSITIVE_INFINITY;
    if (this.inFlight >= 0) return this.nextRotateAt;
    return this.recovering || this.txState !== COMMITTED ? 0 : this.lastCheckpointAt + this.intervalMs;
  }

  step(now: Millis): boolean {
    if (this.finished) return false;
    let worked = this.receiveAcks();
    while (now >= this.nextRotateAt) {
      this.pending.rotate(() => this.failed()); // only the step in flight is pending
      this.nextRotateAt += this.timeoutMs!;
    }
    if (!this.ready() || this.inFlight >= 0) return worked;
    if (!this.recovering && this.txState === COMMITTED && this.dataSpouts.every((s) => s.finished)) {
      this.collector.end();
      this.finished = true;
      return true;
    }
    if (this.recovering) {
      // COMMITTED → INITSTATE, PREPARING → ROLLBACK, COMMITTING → COMMIT (roll forward)
      this.emit(this.txState === COMMITTED ? INITSTATE : this.txState === PREPARING ? ROLLBACK : COMMIT);
      worked = true;
    } else if (this.txState !== COMMITTED || now - this.lastCheckpointAt > this.intervalMs) {
      if (this.txState === COMMITTED) {
        this.setTx(this.txid + 1, PREPARING);
        this.lastCheckpointAt = now;
      }
      this.emit(this.txState === PREPARING ? PREPARE : COMMIT);
      worked = true;
    }
    return worked;
  }

  private emit(action: number): void {
    const root = this.rootIds.next();
    const c = this.collector;
    c.begin(root, 0, 0);
    c.checkpoint(this.txid, action);
    this.pending.insert(root);
    this.inFlight = root;
    c.acker.send(ACK_INIT, root, c.ackHi, c.ackLo);
    if (action === ROLLBACK) this.stats.checkpointsRolledBack++;
  }

  private receiveAcks(): boolean {
    const q = this.queue;
    if (q.size === 0) return false;
    while (q.size > 0) {
      const i = q.first;
      const root = q.anchor[i] as number;
      const acked = q.stream[i] === SPOUT_ACK;
      q.pop();
      const page = this.pending.find(root);
      if (page === null) continue; // timed out already
      this.pending.remove(root, page);
      if (acked) this.acked();
      else this.failed();
    }
    return true;
  }

  /** The step in flight completed: move the transaction on (CheckpointSpout.ack). */
  private acked(): void {
    this.inFlight = -1;
    if (this.recovering) {
      if (this.txState === PREPARING) {
        this.setTx(this.txid - 1, COMMITTED);
      } else if (this.txState === COMMITTING) {
        this.setTx(this.txid, COMMITTED);
        this.stats.checkpointsCommitted++;
      } else {
        this.recovering = false;
      }
    } else if (this.txState === PREPARING) {
      this.setTx(this.txid, COMMITTING); // saved before COMMIT is emitted: a restart rolls it forward
    } else if (this.txState === COMMITTING) {
      this.setTx(this.txid, COMMITTED);
      this.stats.checkpointsCommitted++;
    }
  }

  /** Moves the transaction on, saving it first when the topology has a stateDir. */
  private setTx(txid: number, state: number): void {
    this.txid = txid;
    this.txState = state;
    this.txStore?.save({ txid, state });
  }

  /** The step in flight failed or timed out: recover (CheckpointSpout.fail). */
  private failed(): void {
    this.inFlight = -1;
    this.recovering = true;
  }
}

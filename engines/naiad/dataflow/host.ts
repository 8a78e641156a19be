/**
 * Runs one operator instance on one worker (the worker side of Naiad's vertex): owns the operator's
 * input queues and notificator, opens output sessions at the callback's time, and records the
 * progress every action implies in the worker's ChangeBatch:
 *
 *   consume a message at t on input i    −n at (t, node.in_i)
 *   send n records at t' on an edge      +n at (t', consumer.in_j)          (by the pusher)
 *   notifyAt(t') / onNotify(t)           +1 / −1 at (t, node.vertex)
 *
 * Messages are delivered before notifications in every step (Naiad's default policy), each input in
 * FIFO order, so per-key arrival order survives every channel.
 */
import type { FaultInjector } from '../fault.js';
import { apply, IDENTITY, type PathSummary, resultsInLessEqual } from '../progress/summary.js';
import type { Timestamp } from '../progress/timestamp.js';
import type { NodeSpec } from './graph.js';
import { MessageQueue } from './message.js';
import { Notificator } from './notificator.js';
import type { Operator, OperatorContext } from './operator.js';
import { DISCARD, type Pusher } from './pusher.js';
import type { WorkerContext } from './worker.js';

/** Runs one operator on one worker and records the progress each of its actions implies. */
export class OperatorHost implements OperatorContext {
  readonly inputs: MessageQueue[];
  readonly notificator: Notificator;
  outputs: Pusher[];
  operator!: Operator;
  /** Set on operators fed directly by an input: the fault hook counts their records. */
  fault: FaultInjector | null = null;
  private current: Timestamp = [];
  private readonly summary: PathSummary;
  private readonly targets: number[];
  private readonly vertexLocation: number;

  constructor(
    readonly node: number,
    readonly spec: NodeSpec,
    private readonly worker: WorkerContext,
  ) {
    this.inputs = Array.from({ length: spec.inputs }, () => new MessageQueue());
    this.outputs = new Array<Pusher>(spec.outputs).fill(DISCARD);
    this.summary = spec.summary;
    this.targets = this.inputs.map((_, i) => worker.reach.target(node, i));
    this.vertexLocation = worker.reach.vertex(node);
    this.notificator = new Notificator(this.vertexLocation, worker.changes);
  }

  get peers(): number {
    return this.worker.peers;
  }
  get counters() {
    return this.worker.counters;
  }
  get index(): number {
    return this.worker.index;
  }

  time(): Timestamp {
    return this.current;
  }

  notifyAt(time: Timestamp): void {
    if (this.current.length > 0 && !resultsInLessEqual(IDENTITY, this.current, time)) {
      throw new RangeError(`${this.spec.name}: notifyAt([${time}]) inside a callback at [${this.current}]`);
    }
    this.notificator.notifyAt(time);
  }

  hold(time: Timestamp, delta: number): void {
    this.worker.changes.update(time, this.vertexLocation, delta);
  }

  /** One scheduling of the operator; true if it did anything. */
  run(now: number): boolean {
    const op = this.operator;
    let worked = op.schedule?.(now) ?? false;
    const changes = this.worker.changes;
    for (let port = 0; port < this.inputs.length; port++) {
      const queue = this.inputs[port];
      while (queue.length > 0) {
        const m = queue.peek();
        const from = m.cursor;
        this.begin(m.time);
        const done = op.onRecv(port, m);
        if (this.fault !== null) this.fault.onRecords((done ? m.length : m.cursor) - from);
        if (!done) {
          // A stalled sink: the message stays queued; no work unless some records went out.
          this.end();
          return worked || m.cursor > from;
        }
        worked = true;
        queue.shift();
        changes.update(m.time, this.targets[port], -m.length);
        m.pool.give(m);
      }
    }
    for (
      let t = this.notificator.next(this.worker.tracker);
      t !== null;
      t = this.notificator.next(this.worker.tracker)
    ) {
      this.begin(t);
      op.onNotify(t);
      changes.update(t, this.vertexLocation, -1);
      this.worker.stats.notificationsDelivered++;
      worked = true;
    }
    this.end();
    return worked;
  }

  /** Records waiting in this instance's input queues. */
  get queuedRecords(): number {
    let n = 0;
    for (const q of this.inputs) n += q.records;
    return n;
  }

  private begin(time: Timestamp): void {
    this.current = time;
    const out = this.summary === IDENTITY ? time : apply(this.summary, time);
    for (let i = 0; i < this.outputs.length; i++) this.outputs[i].setTime(out);
  }

  private end(): void {
    for (let i = 0; i < this.outputs.length; i++) this.outputs[i].flush();
    this.current = [];
  }
}

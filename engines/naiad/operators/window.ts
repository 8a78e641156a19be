/**
 * Keyed event-time window with an incremental aggregate, notify-driven (the Naiad idiom): onRecv adds
 * each element to its (key, window) pane and asks to be notified at the epoch holding the window's last
 * millisecond; onNotify(t) emits every pane whose window ends in epoch t, in (end, creation) order —
 * the order Flink's timers fire them — at time t with timestamp end − 1 and the max latency stamps of
 * the pane's inputs.
 *
 * Late elements: a pane whose epoch is earlier than the element's own logical time can no longer be
 * notified (the input has closed that epoch), so the element is counted as `window.lateDropped` and
 * dropped. With epochs on window boundaries this is Flink's rule: end − 1 ≤ watermark at arrival.
 *
 * Session, count and delta windows, and lateness, run on MachineWindowVertex (`windowVertex` chooses).
 *
 * Costs per element: two Map lookups and the aggregate's add (tumbling); per pane one notification.
 */
import type { AggregateFunction, Millis, WindowAssigner, WindowNode } from '../../../workloads/plan/index.js';
import { assignWindows, isTimeAssigner, windowStart } from '../../../workloads/plan/index.js';
import { usesWindowMachine } from '../../shared/windows/create.js';
import type { Message } from '../dataflow/message.js';
import type { Operator, OperatorContext } from '../dataflow/operator.js';
import type { Pusher } from '../dataflow/pusher.js';
import type { EpochPolicy } from '../epochs.js';
import type { Timestamp } from '../progress/timestamp.js';
import { MachineWindowVertex } from './machine-window.js';

interface Pane {
  readonly key: string;
  readonly start: Millis;
  readonly end: Millis;
  acc: unknown;
  createdAt: Millis;
  ingestedAt: Millis;
}

/** The plan's `window` node: panes accumulated on receipt, fired on their epoch's notification. */
export class WindowVertex implements Operator {
  private readonly panes = new Map<string, Map<Millis, Pane>>();
  /** Panes by the epoch that fires them, in creation order. */
  private readonly byEpoch = new Map<number, Pane[]>();
  private readonly out: Pusher;
  private readonly tumblingSize: number;

  constructor(
    private readonly ctx: OperatorContext,
    private readonly epochs: EpochPolicy,
    private readonly assigner: WindowAssigner,
    private readonly aggregate: AggregateFunction<unknown, unknown, unknown>,
    private readonly keyOf: (value: unknown) => string,
  ) {
    this.out = ctx.outputs[0];
    this.tumblingSize = assigner.type === 'tumbling' ? assigner.sizeMs : 0;
  }

  onRecv(_input: number, m: Message): boolean {
    const epoch = m.time[0];
    const { values, ts, createdAt, ingestedAt } = m;
    for (let i = 0; i < m.length; i++) {
      const key = this.keyOf(values[i]);
      if (this.tumblingSize > 0) {
        const start = windowStart(ts[i], this.tumblingSize, this.assigner.offsetMs);
        this.add(epoch, key, start, start + this.tumblingSize, values[i], ts[i], createdAt[i], ingestedAt[i]);
        continue;
      }
      for (const w of assignWindows(this.assigner, ts[i])) {
        this.add(epoch, key, w.start, w.end, values[i], ts[i], createdAt[i], ingestedAt[i]);
      }
    }
    return true;
  }

  private add(
    epoch: number,
    key: string,
    start: Millis,
    end: Millis,
    value: unknown,
    ts: Millis,
    ct: Millis,
    at: Millis,
  ): void {
    const fires = this.epochs.epochOf(end - 1);
    if (fires < epoch) {
      this.ctx.counters.inc('window.lateDropped');
      return;
    }
    let byStart = this.panes.get(key);
    if (byStart === undefined) {
      byStart = new Map();
      this.panes.set(key, byStart);
    }
    let pane = byStart.get(start);
    if (pane === undefined) {
      pane = { key, start, end, acc: this.aggregate.create(), createdAt: ct, ingestedAt: at };
      byStart.set(start, pane);
      this.register(fires, pane);
    }
    pane.acc = this.aggregate.add(pane.acc, value, ts);
    if (ct > pane.createdAt) pane.createdAt = ct;
    if (at > pane.ingestedAt) pane.ingestedAt = at;
  }

  private register(fires: number, pane: Pane): void {
    const list = this.byEpoch.get(fires);
    if (list !== undefined) list.push(pane);
    else {
      this.byEpoch.set(fires, [pane]);
      this.ctx.notifyAt(this.epochs.time(fires));
    }
  }

  onNotify(time: Timestamp): void {
    const list = this.byEpoch.get(time[0]);
    if (list === undefined) return;
    this.byEpoch.delete(time[0]);
    list.sort((a, b) => a.end - b.end); // stable: creation order within one end
    for (const pane of list) {
      this.panes.get(pane.key)!.delete(pane.start);
      const result = this.aggregate.result(pane.key, { start: pane.start, end: pane.end }, pane.acc);
      this.out.push(result, pane.end - 1, pane.createdAt, pane.ingestedAt);
    }
  }

  snapshot(): Pane[] {
    return [...this.byEpoch.values()].flat();
  }

  restore(s: unknown): void {
    this.panes.clear();
    this.byEpoch.clear();
    for (const pane of s as Pane[]) {
      let byStart = this.panes.get(pane.key);
      if (byStart === undefined) {
        byStart = new Map();
        this.panes.set(pane.key, byStart);
      }
      byStart.set(pane.start, pane);
      const fires = this.epochs.epochOf(pane.end - 1);
      const list = this.byEpoch.get(fires);
      if (list !== undefined) list.push(pane);
      else this.byEpoch.set(fires, [pane]);
    }
  }
}

/** The vertex for a window node. */
export function windowVertex(
  ctx: OperatorContext,
  epochs: EpochPolicy,
  node: WindowNode,
  keyOf: (value: unknown) => string,
): Operator {
  if (usesWindowMachine(node) || !isTimeAssigner(node.assigner)) {
    return new MachineWindowVertex(ctx, epochs, node, keyOf);
  }
  return new WindowVertex(ctx, epochs, node.assigner, node.aggregate, keyOf);
}

/**
 * Keyed event-time window with an incremental aggregate (Flink's WindowOperator with an
 * AggregateFunction and the event-time trigger). A window fires when the watermark reaches `end − 1`;
 * allowed lateness is 0 (Flink's default), so an element for a window already fired is late: it is
 * counted as `window.lateDropped`, never silently lost. A result carries timestamp `end − 1` and the
 * latency stamps of the window's latest input.
 *
 * Session, count and delta windows, and lateness, run on MachineWindowLink (`windowLink` chooses).
 *
 * Its checkpointed state is the window contents (each open pane's accumulator and stamps), the
 * event-time timers that will fire them, and the watermark it has seen.
 */
import type { AggregateFunction, Millis, WindowAssigner, WindowNode } from '../../../workloads/plan/index.js';
import { assignWindows, isTimeAssigner, windowStart } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { TimerQueue } from '../../shared/timer-queue.js';
import { restoreTimers, snapshotTimers, type TimersSnapshot } from '../../shared/timer-snapshot.js';
import { usesWindowMachine } from '../../shared/windows/create.js';
import type { StatefulOperator } from '../checkpoint/snapshot.js';
import type { Link } from './link.js';
import { MachineWindowLink } from './machine-window.js';

interface Pane {
  acc: unknown;
  createdAt: Millis;
  ingestedAt: Millis;
}

/** Window state in a checkpoint: per key, its panes as [start, accumulator, createdAt, ingestedAt]. */
interface WindowState {
  watermark: Millis;
  panes: [key: string, panes: [start: Millis, acc: unknown, createdAt: Millis, ingestedAt: Millis][]][];
  timers: TimersSnapshot;
}

export class WindowLink implements Link, StatefulOperator {
  private readonly panes = new Map<string, Map<Millis, Pane>>();
  private readonly timers = new TimerQueue();
  private wm = Number.NEGATIVE_INFINITY;
  private readonly tumblingSize: number;

  constructor(
    private readonly assigner: WindowAssigner,
    private readonly aggregate: AggregateFunction<unknown, unknown, unknown>,
    private readonly keyOf: (value: unknown) => string,
    private readonly next: Link,
    private readonly counters: CounterSet,
  ) {
    this.tumblingSize = assigner.type === 'tumbling' ? assigner.sizeMs : 0;
  }

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const key = this.keyOf(value);
    if (this.tumblingSize > 0) {
      const start = windowStart(ts, this.tumblingSize, this.assigner.offsetMs);
      this.add(key, start, start + this.tumblingSize, value, ts, createdAt, ingestedAt);
      return;
    }
    for (const w of assignWindows(this.assigner, ts)) {
      this.add(key, w.start, w.end, value, ts, createdAt, ingestedAt);
    }
  }

  private add(
    key: string,
    start: Millis,
    end: Millis,
    value: unknown,
    ts: Millis,
    ct: Millis,
    at: Millis,
  ): void {
    if (end - 1 <= this.wm) {
      this.counters.inc('window.lateDropped');
      return;
    }
    let byStart = this.panes.get(key);
    if (byStart === undefined) {
      byStart = new Map();
      this.panes.set(key, byStart);
    }
    let pane = byStart.get(start);
    if (pane === undefined) {
      pane = { acc: this.aggregate.create(), createdAt: ct, ingestedAt: at };
      byStart.set(start, pane);
      this.timers.register(key, end - 1);
    }
    pane.acc = this.aggregate.add(pane.acc, value, ts);
    if (ct > pane.createdAt) pane.createdAt = ct;
    if (at > pane.ingestedAt) pane.ingestedAt = at;
  }

  watermark(wm: Millis): void {
    this.wm = wm;
    const size = this.assigner.sizeMs;
    for (let t = this.timers.pollUpTo(wm); t !== null; t = this.timers.pollUpTo(wm)) {
      const end = t.time + 1;
      const start = end - size;
      const byStart = this.panes.get(t.key)!;
      const pane = byStart.get(start)!;
      byStart.delete(start);
      const result = this.aggregate.result(t.key, { start, end }, pane.acc);
      this.next.process(result, t.time, pane.createdAt, pane.ingestedAt);
    }
    this.next.watermark(wm);
  }

  finish(): void {
    this.next.finish();
  }

  snapshotState(): WindowState {
    const panes: WindowState['panes'] = [];
    for (const [key, byStart] of this.panes) {
      if (byStart.size === 0) continue;
      const list: WindowState['panes'][number][1] = [];
      for (const [start, p] of byStart) list.push([start, p.acc, p.createdAt, p.ingestedAt]);
      panes.push([key, list]);
    }
    return { watermark: this.wm, panes, timers: snapshotTimers(this.timers) };
  }

  initializeState(state: unknown): void {
    const s = state as WindowState;
    this.wm = s.watermark;
    this.panes.clear();
    for (const [key, list] of s.panes) {
      this.panes.set(
        key,
        new Map(list.map(([start, acc, createdAt, ingestedAt]) => [start, { acc, createdAt, ingestedAt }])),
      );
    }
    restoreTimers(this.timers, s.timers);
  }
}

/** The operator for a window node: the machine for session, count, delta and late-aware windows. */
export function windowLink(
  node: WindowNode,
  keyOf: (value: unknown) => string,
  next: Link,
  counters: CounterSet,
): Link & StatefulOperator {
  if (usesWindowMachine(node) || !isTimeAssigner(node.assigner)) {
    return new MachineWindowLink(node, keyOf, next, counters);
  }
  return new WindowLink(node.assigner, node.aggregate, keyOf, next, counters);
}

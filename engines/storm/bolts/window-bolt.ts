/**
 * A keyed event-time window node as a windowed bolt (Storm's WindowedBoltExecutor with a timestamp
 * field and lag), with the plan's window bounds and incremental aggregate: a window fires when the
 * task's watermark reaches `end − 1`; an element whose window has already fired is late, counted as
 * `window.lateDropped` and acked (Storm acks a late tuple it does not process). A result carries
 * timestamp `end − 1` and the stamps of the window's latest input.
 *
 * Acking, as Storm's windowed bolt: each input tuple is held, not acked, while it is in a window; the
 * result is emitted anchored to every tuple of its window (WindowedOutputCollector), and a tuple is
 * acked when the last window containing it fires (Storm acks on eviction). So a window's input trees
 * stay pending until the window fires. Departures: Storm's windows are (end − length, end] and it drops
 * a late tuple by its own timestamp; here the windows are the plan's [start, end) and lateness is the
 * window's, so every FlinkCoin engine computes the same windows. Storm's panes keep the tuples and
 * aggregate on firing; here the aggregate is incremental and only the tuples' ids are kept.
 *
 * Persistent (a topology with stateful bolts), as Storm's PersistentWindowedBoltExecutor
 * (BaseStatefulWindowedBolt.withPersistence): the panes are the bolt's checkpointed state, an input is
 * acked when the checkpoint that holds it commits rather than held until its window fires, and a
 * result goes out unanchored (its inputs are already safe in the state). A task restored from a
 * checkpoint fires its panes again when the watermark passes them. Without this, a stateful bolt
 * upstream could restart ahead of an in-memory window: its restored state would drop the replays the
 * window needed (the crypto book deduplicates by trade id), and the window's result would be lost.
 */
import { PlanValidationError } from '../../../harness/errors.js';
import type { AggregateFunction, Millis, WindowAssigner } from '../../../workloads/plan/index.js';
import { assignWindows, windowStart } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import type { KeyedStateSnapshot } from '../../shared/keyed-context.js';
import { TimerQueue } from '../../shared/timer-queue.js';
import type { KeyValueState } from '../key-value-state.js';
import type { Anchor, EdgeIds } from '../message-id.js';
import { OperatorState } from '../operator-state.js';
import type { AnchorSource, OutputCollector } from '../output-collector.js';
import type { KeyOf } from '../topology.js';
import type { Bolt } from './bolt.js';
import { HeldTuples } from './held-tuples.js';

/**
 * WindowedBoltExecutor.validate: a window's tuples stay pending until it fires, so its length plus
 * sliding interval (twice the length for a tumbling window) must not exceed the message timeout, or
 * every tree would time out while it waits. Storm refuses such a topology; so does this engine.
 */
export function ensureWindowFitsTimeout(name: string, assigner: WindowAssigner, timeoutMs: Millis): void {
  const duration = assigner.sizeMs + (assigner.type === 'tumbling' ? assigner.sizeMs : assigner.slideMs);
  if (duration > timeoutMs) {
    throw new PlanValidationError(
      `window "${name}": window duration (length + sliding interval) ${duration} ms is more than ` +
        `the message timeout ${timeoutMs} ms`,
    );
  }
}

interface Pane {
  acc: unknown;
  createdAt: Millis;
  ingestedAt: Millis;
  /** The held tuples of this window. */
  readonly held: number[];
}

/** One task of a window node: panes per key and window, timers at each window's end − 1. */
export class WindowBolt implements Bolt, AnchorSource {
  /** The checkpointed panes of a persistent window bolt; null when windows live in memory only. */
  readonly state: KeyValueState | null;
  private readonly panes = new Map<string, Map<Millis, Pane>>();
  private timers = new TimerQueue();
  private wm = Number.NEGATIVE_INFINITY;
  private readonly tumblingSize: number;
  private readonly heldTuples = new HeldTuples();
  /** The held tuples the result being emitted is anchored to. */
  private firing: readonly number[] = [];

  constructor(
    private readonly assigner: WindowAssigner,
    private readonly aggregate: AggregateFunction<unknown, unknown, unknown>,
    private readonly keyOf: KeyOf,
    private readonly collector: OutputCollector,
    private readonly counters: CounterSet,
    persistent = false,
  ) {
    this.tumblingSize = assigner.type === 'tumbling' ? assigner.sizeMs : 0;
    this.state = persistent
      ? new OperatorState(
          () => this.panesSnapshot(),
          (snapshot) => this.restorePanes(snapshot),
        )
      : null;
  }

  /** The panes as keyed state: per key, [window start, {acc, createdAt, ingestedAt}]. */
  panesSnapshot(): KeyedStateSnapshot {
    const out: KeyedStateSnapshot = [];
    for (const [key, byStart] of this.panes) {
      if (byStart.size === 0) continue;
      const entries: [string, unknown][] = [];
      for (const [start, p] of byStart) {
        entries.push([String(start), { acc: p.acc, createdAt: p.createdAt, ingestedAt: p.ingestedAt }]);
      }
      out.push([key, entries]);
    }
    return out;
  }

  /** Replaces the panes with a snapshot's, each with its timer again (none holds a tuple: they are acked). */
  restorePanes(snapshot: KeyedStateSnapshot): void {
    this.panes.clear();
    this.timers = new TimerQueue();
    for (const [key, entries] of snapshot) {
      const byStart = new Map<Millis, Pane>();
      for (const [start, value] of entries) {
        const p = value as Omit<Pane, 'held'>;
        byStart.set(Number(start), {
          acc: p.acc,
          createdAt: p.createdAt,
          ingestedAt: p.ingestedAt,
          held: [],
        });
        this.timers.register(key, Number(start) + this.assigner.sizeMs - 1);
      }
      this.panes.set(key, byStart);
    }
  }

  execute(_input: number, value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const key = this.keyOf(value);
    const c = this.collector;
    // A persistent window holds nothing: the executor acks the input, and the commit sends that ack.
    const holds = c.anchor !== null && !c.failing && this.state === null;
    const held = holds ? this.heldTuples.hold(c.anchor, c.idHi, c.idLo) : -1;
    if (this.tumblingSize > 0) {
      const start = windowStart(ts, this.tumblingSize, this.assigner.offsetMs);
      this.add(key, start, start + this.tumblingSize, value, ts, createdAt, ingestedAt, held);
    } else {
      for (const w of assignWindows(this.assigner, ts)) {
        this.add(key, w.start, w.end, value, ts, createdAt, ingestedAt, held);
      }
    }
    c.held = held >= 0 && this.heldTuples.inWindow(held);
  }

  private add(
    key: string,
    start: Millis,
    end: Millis,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    held: number,
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
      pane = { acc: this.aggregate.create(), createdAt, ingestedAt, held: [] };
      byStart.set(start, pane);
      this.timers.register(key, end - 1);
    }
    pane.acc = this.aggregate.add(pane.acc, value, ts);
    if (createdAt > pane.createdAt) pane.createdAt = createdAt;
    if (ingestedAt > pane.ingestedAt) pane.ingestedAt = ingestedAt;
    if (held >= 0) {
      this.heldTuples.enter(held);
      pane.held.push(held);
    }
  }

  onWatermark(wm: Millis): boolean {
    this.wm = wm;
    const c = this.collector;
    const size = this.assigner.sizeMs;
    const overflow = c.transfer.overflow;
    for (let t = this.timers.pollUpTo(wm); t !== null; t = this.timers.pollUpTo(wm)) {
      const end = t.time + 1;
      const start = end - size;
      const byStart = this.panes.get(t.key)!;
      const pane = byStart.get(start)!;
      byStart.delete(start);
      const result = this.aggregate.result(t.key, { start, end }, pane.acc);
      this.firing = pane.held;
      c.multi = pane.held.length > 0 ? this : null;
      c.emit(result, t.time, pane.createdAt, pane.ingestedAt);
      c.multi = null;
      this.heldTuples.leave(pane.held, c.acker);
      if (overflow.size > 0) {
        this.firing = [];
        return false;
      }
    }
    this.firing = [];
    return true;
  }

  /** The result being emitted is anchored to every held tuple of its window. */
  childAnchor(ids: EdgeIds): Anchor {
    return this.heldTuples.childAnchor(this.firing, ids);
  }
}

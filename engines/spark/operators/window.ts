/**
 * Keyed event-time window aggregation as a batch operator, in append output mode (Spark's
 * StateStoreSaveExec after a windowed groupBy): rows update their window's partial aggregate in the
 * state store; at the end of the batch, every window with end − 1 ≤ the batch's watermark is emitted
 * and evicted, in time order per key. The watermark is fixed for the batch, so an element is late only
 * if its window was already due under the watermark of the batch it arrives in (computed from earlier
 * batches); it is counted as `window.lateDropped`, never silently lost. A result carries timestamp
 * end − 1 and the max createdAt / ingestedAt of its inputs. Session, count and delta windows, and
 * lateness, run on MachineWindowOperator (`windowOperator` chooses).
 */

/** A window node with a tumbling or sliding assigner. */
type TimeWindowNode = WindowNode & { readonly assigner: WindowAssigner };

/** The operator for a window node. */
export function windowOperator(node: WindowNode, keyOf: KeyOf, counters: CounterSet): StatefulOperator {
  if (usesWindowMachine(node) || !isTimeAssigner(node.assigner)) {
    return new MachineWindowOperator(node, keyOf, counters);
  }
  return new WindowAggregateOperator(node as TimeWindowNode, keyOf, counters);
}

import type { AggregateFunction, Millis, WindowAssigner, WindowNode } from '../../../workloads/plan/index.js';
import { assignWindows, isTimeAssigner, windowStart } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { TimerQueue } from '../../shared/timer-queue.js';
import { usesWindowMachine } from '../../shared/windows/create.js';
import type { KeyOf } from '../physical-plan.js';
import type { ChunkOutput, RowChunk } from '../rows.js';
import type { StateRows } from '../state/state-store.js';
import { MachineWindowOperator } from './machine-window.js';
import type { BatchInfo, StatefulOperator } from './operator.js';

interface Pane {
  acc: unknown;
  createdAt: Millis;
  ingestedAt: Millis;
}

interface KeyPanes {
  readonly byStart: Map<Millis, Pane>;
  dirty: boolean;
  /** The pane the key's last row went to (rows of a key mostly follow in one window): no map lookup. */
  lastStart: Millis;
  lastPane: Pane | undefined;
}

/** One partition of a window node: its panes are the state store rows, keyed by the record key. */
export class WindowAggregateOperator implements StatefulOperator, StateRows {
  private readonly panesByKey = new Map<string, KeyPanes>();
  private dirty: string[] = [];
  private lastKey = '';
  private last: KeyPanes | null = null;
  private readonly queue = new TimerQueue();
  private readonly aggregate: AggregateFunction<unknown, unknown, unknown>;
  private readonly tumblingSize: number;
  private wm = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly node: TimeWindowNode,
    private readonly keyOf: KeyOf,
    private readonly counters: CounterSet,
  ) {
    this.aggregate = node.aggregate;
    this.tumblingSize = node.assigner.type === 'tumbling' ? node.assigner.sizeMs : 0;
  }

  get state(): StateRows {
    return this;
  }

  stateLoaded(): void {
    const size = this.node.assigner.sizeMs;
    for (const [key, panes] of this.panesByKey)
      for (const start of panes.byStart.keys()) this.queue.register(key, start + size - 1);
  }

  open(batch: BatchInfo): void {
    this.wm = batch.watermark;
  }

  process(_input: number, rows: RowChunk): void {
    const { values, ts, createdAt, ingestedAt } = rows;
    const assigner = this.node.assigner;
    for (let i = 0; i < rows.size; i++) {
      const value = values[i];
      const key = this.keyOf(value);
      if (this.tumblingSize > 0) {
        const start = windowStart(ts[i], this.tumblingSize, assigner.offsetMs);
        this.add(key, start, start + this.tumblingSize, value, ts[i], createdAt[i], ingestedAt[i]);
        continue;
      }
      for (const w of assignWindows(assigner, ts[i])) {
        this.add(key, w.start, w.end, value, ts[i], createdAt[i], ingestedAt[i]);
      }
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
    const panes = this.touch(key);
    let pane = panes.lastStart === start ? panes.lastPane : panes.byStart.get(start);
    if (pane === undefined) {
      pane = { acc: this.aggregate.create(), createdAt: ct, ingestedAt: at };
      panes.byStart.set(start, pane);
      this.queue.register(key, end - 1);
    }
    panes.lastStart = start;
    panes.lastPane = pane;
    pane.acc = this.aggregate.add(pane.acc, value, ts);
    if (ct > pane.createdAt) pane.createdAt = ct;
    if (at > pane.ingestedAt) pane.ingestedAt = at;
  }

  finish(out: ChunkOutput): void {
    const size = this.node.assigner.sizeMs;
    for (let t = this.queue.pollUpTo(this.wm); t !== null; t = this.queue.pollUpTo(this.wm)) {
      const end = t.time + 1;
      const panes = this.touch(t.key);
      const pane = panes.byStart.get(end - size)!;
      panes.byStart.delete(end - size);
      if (panes.lastPane === pane) panes.lastPane = undefined;
      const result = this.aggregate.result(t.key, { start: end - size, end }, pane.acc);
      out.push(result, t.time, pane.createdAt, pane.ingestedAt);
    }
  }

  /** The key's panes, marked as changed in this batch. */
  private touch(key: string): KeyPanes {
    if (this.last !== null && key === this.lastKey) return this.last;
    let panes = this.panesByKey.get(key);
    if (panes === undefined) {
      panes = newKeyPanes(new Map());
      this.panesByKey.set(key, panes);
    }
    if (!panes.dirty) {
      panes.dirty = true;
      this.dirty.push(key);
    }
    this.lastKey = key;
    this.last = panes;
    return panes;
  }

  takeDirty(): readonly string[] {
    const dirty = this.dirty;
    for (const key of dirty) {
      const panes = this.panesByKey.get(key);
      if (panes !== undefined) panes.dirty = false;
    }
    this.dirty = [];
    this.last = null;
    return dirty;
  }

  keys(): Iterable<string> {
    return this.panesByKey.keys();
  }

  /** The key's panes by start (serialized by the commit before the next row runs). */
  encode(key: string): Map<Millis, Pane> | undefined {
    const panes = this.panesByKey.get(key);
    if (panes === undefined || panes.byStart.size === 0) {
      this.panesByKey.delete(key);
      return undefined;
    }
    return panes.byStart;
  }

  restore(key: string, encoded: unknown): void {
    if (encoded === undefined) {
      this.panesByKey.delete(key);
      return;
    }
    this.panesByKey.set(key, newKeyPanes(encoded as Map<Millis, Pane>));
  }
}

function newKeyPanes(byStart: Map<Millis, Pane>): KeyPanes {
  return { byStart, dirty: false, lastStart: Number.NaN, lastPane: undefined };
}

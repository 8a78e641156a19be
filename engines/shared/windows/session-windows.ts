/**
 * Event-time session windows (Flink's EventTimeSessionWindows.withGap with the MergingWindowSet): an
 * element opens [ts, ts + gap); every open session of its key that overlaps or touches it
 * (TimeWindow.intersects: start ≤ other.end and end ≥ other.start) merges with it into one, whose
 * accumulator is the aggregate's `merge` of theirs, in start order. A session fires when the watermark
 * reaches its end − 1 (= last element + gap − 1) and is purged at end − 1 + allowed lateness.
 *
 * Late: an element whose merged session would already be past cleanup is late (side output, or dropped
 * and counted) and changes nothing. Unlike Flink, which retires the merged window, the open sessions it
 * touched stay: an engine that fires at batch or epoch ends (Spark, Naiad) may still hold them.
 */
import type { AggregateFunction, Millis } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../counters.js';
import { KeyedWindowMachine } from './keyed-machine.js';
import { addToPane, firePane, newPane, type Pane } from './pane.js';
import type { WindowEmit, WindowHooks } from './window-machine.js';

export class SessionWindows extends KeyedWindowMachine<Pane[]> {
  private readonly merge: (a: unknown, b: unknown) => unknown;

  constructor(
    private readonly gapMs: Millis,
    private readonly aggregate: AggregateFunction<unknown, unknown, unknown>,
    private readonly latenessMs: Millis,
    counters: CounterSet,
    hooks: WindowHooks,
    lateOutput: boolean,
  ) {
    super(counters, hooks, lateOutput);
    this.merge = aggregate.merge!.bind(aggregate); // validated when the plan was built
  }

  element(
    key: string,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    tag: number,
    emit: WindowEmit,
  ): void {
    const panes = this.states.get(key) ?? [];
    let start = ts;
    let end = ts + this.gapMs;
    let first = -1;
    let last = -1;
    // Sessions are sorted and disjoint (so their ends are sorted too): the ones [ts, ts + gap) touches
    // are consecutive, and, as elements mostly come in time order, near the end: scan backwards.
    for (let i = panes.length - 1; i >= 0; i--) {
      const p = panes[i];
      if (p.end < start) break;
      if (p.start > end) continue;
      if (last < 0) last = i;
      first = i;
    }
    if (first >= 0) {
      start = Math.min(start, panes[first].start);
      end = Math.max(end, panes[last].end);
    }
    if (end - 1 + this.latenessMs <= this.watermark) {
      this.late(value, ts, createdAt, ingestedAt, emit);
      return;
    }
    const state = this.stateOf(key, () => panes);
    let pane: Pane;
    if (first < 0) {
      pane = newPane(start, end, this.aggregate, createdAt, ingestedAt);
      let at = 0;
      while (at < state.length && state[at].start < start) at++;
      state.splice(at, 0, pane);
    } else {
      pane = this.mergeRun(state, first, last, start, end);
    }
    addToPane(pane, this.aggregate, value, ts, createdAt, ingestedAt, tag);
    if (tag >= 0) this.hooks.enter?.(tag);
    if (pane.fired > 0 && pane.end - 1 <= this.watermark) firePane(key, pane, this.aggregate, emit);
    this.wakeBy(key, pane, this.dueOf(pane));
  }

  /** When the pane next needs looking at: its firing while it has new elements, else its cleanup. */
  private dueOf(pane: Pane): Millis {
    return pane.pending ? pane.end - 1 : pane.end - 1 + this.latenessMs;
  }

  /**
   * Makes sure a timer looks at the pane by `due`. A session that grows keeps the timer it has (at its
   * old end), which re-registers at the new end when it fires: one timer per session, not per element.
   */
  private wakeBy(key: string, pane: Pane, due: Millis): void {
    if ((pane.timerAt ?? Number.NaN) <= due) return;
    pane.timerAt = due;
    this.registerTimer(key, due);
  }

  /** Replaces panes first..last by one pane over [start, end) holding all of their contents. */
  private mergeRun(panes: Pane[], first: number, last: number, start: Millis, end: Millis): Pane {
    const into = panes[first];
    for (let i = first + 1; i <= last; i++) {
      const p = panes[i];
      into.acc = this.merge(into.acc, p.acc);
      if (p.createdAt > into.createdAt) into.createdAt = p.createdAt;
      if (p.ingestedAt > into.ingestedAt) into.ingestedAt = p.ingestedAt;
      if (p.fired > into.fired) into.fired = p.fired;
      into.pending ||= p.pending;
      if ((p.timerAt ?? Number.NaN) < (into.timerAt ?? Number.NaN)) into.timerAt = p.timerAt;
      if (p.tags.length > 0) into.tags = into.tags.length > 0 ? into.tags.concat(p.tags) : p.tags;
    }
    panes.splice(first + 1, last - first);
    into.start = start;
    into.end = end;
    return into;
  }

  protected onTimer(key: string, panes: Pane[], time: Millis, emit: WindowEmit): void {
    for (const pane of panes) {
      if (pane.pending && pane.end - 1 <= time) firePane(key, pane, this.aggregate, emit);
    }
    for (let i = 0; i < panes.length; i++) {
      const pane = panes[i];
      if (pane.end - 1 + this.latenessMs <= time) {
        panes.splice(i--, 1);
        if (pane.tags.length > 0) this.hooks.leave?.(pane.tags);
      } else if ((pane.timerAt ?? Number.NaN) <= time) {
        pane.timerAt = Number.NaN; // its timer has fired: the next one is due after `time`
        this.wakeBy(key, pane, this.dueOf(pane));
      }
    }
  }

  protected timersOf(panes: Pane[]): Millis[] {
    return panes.map((p) => {
      p.timerAt = this.dueOf(p);
      return p.timerAt;
    });
  }

  protected isEmpty(panes: Pane[]): boolean {
    return panes.length === 0;
  }
}

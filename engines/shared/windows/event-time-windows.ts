/**
 * Tumbling and sliding event-time windows with allowed lateness and a late side output (Flink's
 * WindowOperator with EventTimeTrigger, `allowedLateness` and `sideOutputLateData`):
 *
 *   fire     when the watermark reaches end − 1 (the on-time pane, `pane` 0)
 *   purge    when the watermark reaches end − 1 + allowedLateness (cleanupTime)
 *   between  an element for the fired window fires it again at once (EventTimeTrigger.onElement sees
 *            maxTimestamp ≤ watermark): late panes 1, 2, ... with the whole window's contents
 *   late     an element all of whose windows are past cleanup: side output, or dropped and counted
 *
 * Windows that no lateness or side output touches run on each engine's own window operator instead.
 */
import type { AggregateFunction, Millis, WindowAssigner } from '../../../workloads/plan/index.js';
import { assignWindows } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../counters.js';
import { KeyedWindowMachine } from './keyed-machine.js';
import { addToPane, firePane, newPane, type Pane } from './pane.js';
import type { WindowEmit, WindowHooks } from './window-machine.js';

export class EventTimeWindows extends KeyedWindowMachine<Pane[]> {
  constructor(
    private readonly assigner: WindowAssigner,
    private readonly aggregate: AggregateFunction<unknown, unknown, unknown>,
    private readonly latenessMs: Millis,
    counters: CounterSet,
    hooks: WindowHooks,
    lateOutput: boolean,
  ) {
    super(counters, hooks, lateOutput);
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
    let added = false;
    for (const w of assignWindows(this.assigner, ts)) {
      if (w.end - 1 + this.latenessMs <= this.watermark) continue; // isWindowLate
      const panes = this.stateOf(key, () => []);
      let pane = panes.find((p) => p.start === w.start);
      if (pane === undefined) {
        pane = newPane(w.start, w.end, this.aggregate, createdAt, ingestedAt);
        panes.push(pane);
        this.registerTimer(key, w.end - 1);
        if (this.latenessMs > 0) this.registerTimer(key, w.end - 1 + this.latenessMs);
      }
      addToPane(pane, this.aggregate, value, ts, createdAt, ingestedAt, tag);
      if (tag >= 0) this.hooks.enter?.(tag);
      added = true;
      if (pane.fired > 0 && pane.end - 1 <= this.watermark) firePane(key, pane, this.aggregate, emit);
    }
    if (!added) this.late(value, ts, createdAt, ingestedAt, emit);
  }

  protected onTimer(key: string, panes: Pane[], time: Millis, emit: WindowEmit): void {
    panes.sort((a, b) => a.start - b.start);
    for (const pane of panes) {
      if (pane.pending && pane.end - 1 <= time) firePane(key, pane, this.aggregate, emit);
    }
    for (let i = 0; i < panes.length; i++) {
      const pane = panes[i];
      if (pane.end - 1 + this.latenessMs > time) continue;
      panes.splice(i--, 1);
      if (pane.tags.length > 0) this.hooks.leave?.(pane.tags);
    }
  }

  protected timersOf(panes: Pane[]): Millis[] {
    return panes.flatMap((p) => [p.end - 1, p.end - 1 + this.latenessMs]);
  }

  protected isEmpty(panes: Pane[]): boolean {
    return panes.length === 0;
  }
}

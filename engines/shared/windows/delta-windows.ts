/**
 * Data-driven windows (Flink's GlobalWindows with PurgingTrigger.of(DeltaTrigger.of(threshold, delta))),
 * per key in arrival order: the key's first element is the reference; every element is added to the
 * window, and when delta(reference, element) > threshold the window fires and is purged, and the element
 * becomes the new reference (DeltaTrigger.onElement updates lastElementState when it fires).
 *
 * FlinkCoin's one departure: the firing element also opens the next window, so each window runs from
 * its reference to the element that moved away from it, both included, and its result can say from
 * what and to what the value moved (Flink keeps the reference only in trigger state, out of the window
 * function's reach). Results carry the latest element's timestamp and `window.seq`; never late.
 */
import type { AggregateFunction, DeltaWindowAssigner, Millis } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../counters.js';
import { KeyedWindowMachine } from './keyed-machine.js';
import { NO_TAGS, type WindowEmit, type WindowHooks, withTag } from './window-machine.js';

interface DeltaState {
  seq: number;
  reference: unknown;
  acc: unknown;
  minTs: Millis;
  maxTs: Millis;
  createdAt: Millis;
  ingestedAt: Millis;
  tags: number[];
}

export class DeltaWindows extends KeyedWindowMachine<DeltaState> {
  constructor(
    private readonly assigner: DeltaWindowAssigner,
    private readonly aggregate: AggregateFunction<unknown, unknown, unknown>,
    counters: CounterSet,
    hooks: WindowHooks,
  ) {
    super(counters, hooks, false);
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
    let s = this.states.get(key);
    if (s === undefined) {
      s = this.stateOf(key, () => this.open(0, value, ts, createdAt, ingestedAt, tag));
      return;
    }
    this.stateOf(key, () => s!);
    s.acc = this.aggregate.add(s.acc, value, ts);
    if (ts < s.minTs) s.minTs = ts;
    if (ts > s.maxTs) s.maxTs = ts;
    if (createdAt > s.createdAt) s.createdAt = createdAt;
    if (ingestedAt > s.ingestedAt) s.ingestedAt = ingestedAt;
    s.tags = withTag(s.tags, tag);
    if (tag >= 0) this.hooks.enter?.(tag);
    if (!(this.assigner.delta(s.reference, value) > this.assigner.threshold)) return;
    const result = this.aggregate.result(key, { start: s.minTs, end: s.maxTs + 1, seq: s.seq }, s.acc);
    emit(result, s.maxTs, s.createdAt, s.ingestedAt, s.tags);
    const tags = s.tags;
    this.states.set(key, this.open(s.seq + 1, value, ts, createdAt, ingestedAt, tag));
    if (tags.length > 0) this.hooks.leave?.(tags);
  }

  /** A window whose reference and first element is `value`. */
  private open(
    seq: number,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    tag: number,
  ): DeltaState {
    if (tag >= 0) this.hooks.enter?.(tag);
    return {
      seq,
      reference: value,
      acc: this.aggregate.add(this.aggregate.create(), value, ts),
      minTs: ts,
      maxTs: ts,
      createdAt,
      ingestedAt,
      tags: withTag(NO_TAGS as number[], tag),
    };
  }

  /** The final watermark fires nothing (a GlobalWindow never ends) and lets the elements go (Storm). */
  override advance(wm: Millis, emit: WindowEmit): void {
    super.advance(wm, emit);
    if (wm !== Number.POSITIVE_INFINITY) return;
    for (const s of this.states.values()) {
      const tags = s.tags;
      s.tags = NO_TAGS as number[];
      if (tags.length > 0) this.hooks.leave?.(tags);
    }
  }

  protected onTimer(): void {}

  protected timersOf(): Millis[] {
    return [];
  }

  protected isEmpty(): boolean {
    return false;
  }
}

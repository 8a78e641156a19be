/**
 * Count windows (Flink's KeyedStream.countWindow over GlobalWindows), per key in arrival order:
 *
 *   countWindow(size)         PurgingTrigger.of(CountTrigger.of(size)): every `size` elements fire and
 *                             purge; the accumulator is incremental
 *   countWindow(size, slide)  CountEvictor.of(size) + CountTrigger.of(slide): every `slide` elements
 *                             fire over the last `size` (fewer before `size` have arrived); the
 *                             elements are kept, as an evictor needs them, and aggregated on firing
 *
 * A partial window never fires: a GlobalWindow has no end, so not even the final watermark closes it.
 * A result carries the timestamp of its latest element (Flink's would carry GlobalWindow's
 * Long.MAX_VALUE, which no downstream event-time window could use) and `window.seq`, the key's firing
 * count, for output ids. Count windows are never late.
 */
import type { AggregateFunction, Millis } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../counters.js';
import { KeyedWindowMachine } from './keyed-machine.js';
import { NO_TAGS, type WindowEmit, type WindowHooks, withTag } from './window-machine.js';

type Item = [value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis, tag: number];

interface CountState {
  /** Windows fired so far. */
  seq: number;
  /** Elements since the last firing. */
  n: number;
  /** Tumbling: the accumulator; sliding: unused (null). */
  acc: unknown;
  minTs: Millis;
  maxTs: Millis;
  createdAt: Millis;
  ingestedAt: Millis;
  tags: number[];
  /** Sliding: the last `size` elements. */
  items: Item[];
}

export class CountWindows extends KeyedWindowMachine<CountState> {
  constructor(
    private readonly size: number,
    private readonly slide: number | undefined,
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
    const s = this.stateOf(key, () => fresh(this.aggregate.create()));
    if (tag >= 0) this.hooks.enter?.(tag);
    if (this.slide === undefined) this.tumbling(key, s, value, ts, createdAt, ingestedAt, tag, emit);
    else this.sliding(key, s, this.slide, [value, ts, createdAt, ingestedAt, tag], emit);
  }

  private tumbling(
    key: string,
    s: CountState,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    tag: number,
    emit: WindowEmit,
  ): void {
    s.acc = this.aggregate.add(s.acc, value, ts);
    if (s.n === 0 || ts < s.minTs) s.minTs = ts;
    if (s.n === 0 || ts > s.maxTs) s.maxTs = ts;
    if (s.n === 0 || createdAt > s.createdAt) s.createdAt = createdAt;
    if (s.n === 0 || ingestedAt > s.ingestedAt) s.ingestedAt = ingestedAt;
    s.tags = withTag(s.tags, tag);
    if (++s.n < this.size) return;
    const window = { start: s.minTs, end: s.maxTs + 1, seq: s.seq };
    const result = this.aggregate.result(key, window, s.acc);
    const tags = s.tags;
    emit(result, s.maxTs, s.createdAt, s.ingestedAt, tags);
    s.seq++;
    s.n = 0;
    s.acc = this.aggregate.create();
    s.tags = NO_TAGS as number[];
    if (tags.length > 0) this.hooks.leave?.(tags);
  }

  private sliding(key: string, s: CountState, slide: number, item: Item, emit: WindowEmit): void {
    s.items.push(item);
    if (s.items.length > this.size) {
      const evicted = s.items.shift()!;
      if (evicted[4] >= 0) this.hooks.leave?.([evicted[4]]);
    }
    if (++s.n < slide) return;
    s.n = 0;
    let acc = this.aggregate.create();
    let [minTs, maxTs, createdAt, ingestedAt] = [item[1], item[1], item[2], item[3]];
    const tags: number[] = [];
    for (const [v, ts, ct, at, tag] of s.items) {
      acc = this.aggregate.add(acc, v, ts);
      if (ts < minTs) minTs = ts;
      if (ts > maxTs) maxTs = ts;
      if (ct > createdAt) createdAt = ct;
      if (at > ingestedAt) ingestedAt = at;
      if (tag >= 0) tags.push(tag);
    }
    const result = this.aggregate.result(key, { start: minTs, end: maxTs + 1, seq: s.seq++ }, acc);
    emit(result, maxTs, createdAt, ingestedAt, tags);
  }

  /**
   * The final watermark (+∞) fires nothing here: a GlobalWindow never ends, and Flink disposes of a
   * partial window's state when the job finishes. Its elements are let go (Storm acks them then, so
   * that their tuple trees complete instead of timing out).
   */
  override advance(wm: Millis, emit: WindowEmit): void {
    super.advance(wm, emit);
    if (wm !== Number.POSITIVE_INFINITY) return;
    for (const s of this.states.values()) {
      const tags = [...s.tags, ...s.items.map((i) => i[4]).filter((t) => t >= 0)];
      s.tags = NO_TAGS as number[];
      s.items = [];
      if (tags.length > 0) this.hooks.leave?.(tags);
    }
  }

  protected onTimer(): void {}

  protected timersOf(): Millis[] {
    return [];
  }

  /** Never: the firing count must survive for output ids. */
  protected isEmpty(): boolean {
    return false;
  }
}

function fresh(acc: unknown): CountState {
  return {
    seq: 0,
    n: 0,
    acc,
    minTs: 0,
    maxTs: 0,
    createdAt: 0,
    ingestedAt: 0,
    tags: NO_TAGS as number[],
    items: [],
  };
}

/**
 * Keyed process and co-process operators: set the current key, call the user function, fire event-time
 * timers when the watermark passes them (in time order), then forward the watermark.
 * Outputs emitted from a timer carry no latency stamps (NaN): no input record caused them.
 * Checkpointed state: every key's keyed state, the event-time timers, and the watermark seen.
 */
import type {
  Collector,
  KeyedCoProcessFunction,
  KeyedProcessFunction,
  Millis,
} from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { KeyedContextImpl, type KeyedStateSnapshot } from '../../shared/keyed-context.js';
import { TimerQueue } from '../../shared/timer-queue.js';
import { restoreTimers, snapshotTimers, type TimersSnapshot } from '../../shared/timer-snapshot.js';
import type { StatefulOperator } from '../checkpoint/snapshot.js';
import type { Link } from './link.js';

type KeyOf = (value: unknown) => string;

interface KeyedOperatorState {
  watermark: Millis;
  state: KeyedStateSnapshot;
  timers: TimersSnapshot;
}

/** State shared by the one- and two-input keyed operators. */
abstract class KeyedLinkBase implements Link, Collector<unknown>, StatefulOperator {
  protected readonly timers = new TimerQueue();
  protected readonly ctx: KeyedContextImpl;
  private ts = 0;
  private createdAt = 0;
  private ingestedAt = 0;

  constructor(
    protected readonly next: Link,
    counters: CounterSet,
    private readonly onTimer:
      | ((time: Millis, ctx: KeyedContextImpl, out: Collector<unknown>) => void)
      | undefined,
  ) {
    this.ctx = new KeyedContextImpl(this.timers, counters);
  }

  abstract process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void;

  protected enter(key: string, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.ctx.setKey(key, ts);
    this.ts = ts;
    this.createdAt = createdAt;
    this.ingestedAt = ingestedAt;
  }

  collect(value: unknown, timestamp?: Millis): void {
    this.next.process(value, timestamp ?? this.ts, this.createdAt, this.ingestedAt);
  }

  watermark(wm: Millis): void {
    this.ctx.watermark = wm;
    if (this.onTimer !== undefined) {
      for (let t = this.timers.pollUpTo(wm); t !== null; t = this.timers.pollUpTo(wm)) {
        this.enter(t.key, t.time, Number.NaN, Number.NaN);
        this.onTimer(t.time, this.ctx, this);
      }
    }
    this.next.watermark(wm);
  }

  finish(): void {
    this.next.finish();
  }

  snapshotState(): KeyedOperatorState {
    return {
      watermark: this.ctx.watermark,
      state: this.ctx.state.snapshot(),
      timers: snapshotTimers(this.timers),
    };
  }

  initializeState(state: unknown): void {
    const s = state as KeyedOperatorState;
    this.ctx.watermark = s.watermark;
    this.ctx.state.restore(s.state);
    restoreTimers(this.timers, s.timers);
  }
}

export class KeyedProcessLink extends KeyedLinkBase {
  constructor(
    private readonly fn: KeyedProcessFunction<unknown, unknown>,
    private readonly keyOf: KeyOf,
    next: Link,
    counters: CounterSet,
  ) {
    super(next, counters, fn.onTimer?.bind(fn));
  }

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.enter(this.keyOf(value), ts, createdAt, ingestedAt);
    this.fn.processElement(value, this.ctx, this);
  }
}

/** Two inputs: `process` is the left input, `processRight` the right one. */
export class KeyedCoProcessLink extends KeyedLinkBase {
  constructor(
    private readonly fn: KeyedCoProcessFunction<unknown, unknown, unknown>,
    private readonly leftKeyOf: KeyOf,
    private readonly rightKeyOf: KeyOf,
    next: Link,
    counters: CounterSet,
  ) {
    super(next, counters, fn.onTimer?.bind(fn));
  }

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.enter(this.leftKeyOf(value), ts, createdAt, ingestedAt);
    this.fn.processLeft(value, this.ctx, this);
  }

  processRight(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.enter(this.rightKeyOf(value), ts, createdAt, ingestedAt);
    this.fn.processRight(value, this.ctx, this);
  }
}

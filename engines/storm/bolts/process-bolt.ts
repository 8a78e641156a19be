/**
 * A keyed process or co-process node as a bolt: sets the current key, calls the user function with a
 * KeyedContext, and emits what it collects anchored to the input tuple. Event-time timers fire in time
 * order when the task's watermark passes them; what a timer emits is unanchored (no input tuple caused
 * it: Storm's unanchored emit), untracked, and carries no latency stamps (NaN).
 */
import type {
  Collector,
  CoProcessNode,
  KeyedContext,
  Millis,
  ProcessNode,
} from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { KeyedContextImpl } from '../../shared/keyed-context.js';
import { TimerQueue } from '../../shared/timer-queue.js';
import { KeyValueState } from '../key-value-state.js';
import type { OutputCollector } from '../output-collector.js';
import type { KeyOf } from '../topology.js';
import type { Bolt } from './bolt.js';

type Handler = (value: unknown, ctx: KeyedContext, out: Collector<unknown>) => void;

/** One task of a keyed process or co-process node; also the Collector its function emits into. */
export class ProcessBolt implements Bolt, Collector<unknown> {
  private readonly timers = new TimerQueue();
  private readonly ctx: KeyedContextImpl<KeyValueState>;
  private readonly handlers: readonly Handler[];
  private readonly onTimer: ((time: Millis, ctx: KeyedContext, out: Collector<unknown>) => void) | null;
  private ts = 0;
  private createdAt = 0;
  private ingestedAt = 0;

  constructor(
    node: ProcessNode | CoProcessNode,
    /** The key of each input. */
    private readonly keyOf: readonly KeyOf[],
    private readonly collector: OutputCollector,
    counters: CounterSet,
  ) {
    this.ctx = new KeyedContextImpl(this.timers, counters, new KeyValueState());
    const fn = node.fn;
    this.handlers =
      node.kind === 'process'
        ? [node.fn.processElement.bind(node.fn)]
        : [node.fn.processLeft.bind(node.fn), node.fn.processRight.bind(node.fn)];
    this.onTimer = fn.onTimer?.bind(fn) ?? null;
  }

  get state(): KeyValueState {
    return this.ctx.state;
  }

  execute(input: number, value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.ctx.setKey(this.keyOf[input](value), ts);
    this.ts = ts;
    this.createdAt = createdAt;
    this.ingestedAt = ingestedAt;
    this.handlers[input](value, this.ctx, this);
  }

  collect(value: unknown, timestamp?: Millis): void {
    this.collector.emit(value, timestamp ?? this.ts, this.createdAt, this.ingestedAt);
  }

  onWatermark(wm: Millis): boolean {
    this.ctx.watermark = wm;
    if (this.onTimer === null) return true;
    const overflow = this.collector.transfer.overflow;
    for (let t = this.timers.pollUpTo(wm); t !== null; t = this.timers.pollUpTo(wm)) {
      this.ctx.setKey(t.key, t.time);
      this.ts = t.time;
      this.createdAt = Number.NaN;
      this.ingestedAt = Number.NaN;
      this.onTimer(t.time, this.ctx, this);
      if (overflow.size > 0) return false;
    }
    return true;
  }
}

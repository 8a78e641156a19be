/**
 * Keyed process and co-process vertices: onRecv sets the current key and calls the user function for
 * each record (per-key arrival order: channels are FIFO); timers fire on the notification of their
 * epoch (keyed-state.ts), in time order, with the context's watermark at that epoch's last
 * millisecond. Outputs go out at the callback's time; those emitted from timers carry NaN latency
 * stamps (no input record caused them).
 */
import type {
  Collector,
  KeyedCoProcessFunction,
  KeyedProcessFunction,
  Millis,
} from '../../../workloads/plan/index.js';
import type { KeyedStateSnapshot } from '../../shared/keyed-context.js';
import type { Message } from '../dataflow/message.js';
import type { Operator, OperatorContext } from '../dataflow/operator.js';
import type { Pusher } from '../dataflow/pusher.js';
import type { EpochPolicy } from '../epochs.js';
import type { Timestamp } from '../progress/timestamp.js';
import { EpochTimers, NaiadKeyedContext } from './keyed-state.js';

type KeyOf = (value: unknown) => string;
type OnTimer = (time: Millis, ctx: NaiadKeyedContext, out: Collector<unknown>) => void;

/** A keyed vertex's part of a checkpoint. */
interface KeyedSnapshot {
  state: KeyedStateSnapshot;
  timers: ReturnType<EpochTimers['snapshot']>;
  watermark: Millis;
}

/** What the one- and two-input vertices share: context, timers, collector, checkpointing. */
abstract class KeyedVertex implements Operator, Collector<unknown> {
  protected readonly kctx: NaiadKeyedContext;
  protected readonly out: Pusher;
  protected ts = 0;
  protected createdAt = 0;
  protected ingestedAt = 0;
  private notifying = Number.NaN;

  constructor(
    protected readonly ctx: OperatorContext,
    protected readonly epochs: EpochPolicy,
    private readonly onTimer: OnTimer | undefined,
  ) {
    this.out = ctx.outputs[0];
    const timers = new EpochTimers((epoch) => {
      if (epoch !== this.notifying) ctx.notifyAt(epochs.time(epoch));
    });
    this.kctx = new NaiadKeyedContext(ctx.counters, epochs, timers);
  }

  abstract onRecv(input: number, m: Message): boolean;

  collect(value: unknown, timestamp?: Millis): void {
    this.out.push(value, timestamp ?? this.ts, this.createdAt, this.ingestedAt);
  }

  onNotify(time: Timestamp): void {
    const epoch = time[0];
    const ctx = this.kctx;
    ctx.epoch = epoch;
    ctx.watermark = this.epochs.lastMillisOf(epoch);
    this.notifying = epoch;
    for (let due = ctx.timerStore.take(epoch); due !== null; due = ctx.timerStore.take(epoch)) {
      for (const t of due) {
        ctx.setKey(t.key, t.time);
        this.ts = t.time;
        this.createdAt = Number.NaN;
        this.ingestedAt = Number.NaN;
        this.onTimer?.(t.time, ctx, this);
      }
    }
    this.notifying = Number.NaN;
  }

  snapshot(): KeyedSnapshot {
    const ctx = this.kctx;
    return { state: ctx.state.snapshot(), timers: ctx.timerStore.snapshot(), watermark: ctx.watermark };
  }

  restore(s: unknown): void {
    const { state, timers, watermark } = s as KeyedSnapshot;
    this.kctx.state.restore(state);
    this.kctx.timerStore.restore(timers);
    this.kctx.watermark = watermark;
  }
}

/** The plan's `process` node: a KeyedProcessFunction per record, timers on notifications. */
export class KeyedProcessVertex extends KeyedVertex {
  constructor(
    ctx: OperatorContext,
    epochs: EpochPolicy,
    private readonly fn: KeyedProcessFunction<unknown, unknown>,
    private readonly keyOf: KeyOf,
  ) {
    super(ctx, epochs, fn.onTimer?.bind(fn));
  }

  onRecv(_input: number, m: Message): boolean {
    const ctx = this.kctx;
    const fn = this.fn;
    const keyOf = this.keyOf;
    ctx.epoch = m.time[0];
    const { values, ts, createdAt, ingestedAt } = m;
    for (let i = 0; i < m.length; i++) {
      const value = values[i];
      ctx.setKey(keyOf(value), ts[i]);
      this.ts = ts[i];
      this.createdAt = createdAt[i];
      this.ingestedAt = ingestedAt[i];
      fn.processElement(value, ctx, this);
    }
    return true;
  }
}

/** Input 0 is the left input, input 1 the right one; both share key space and state. */
export class KeyedCoProcessVertex extends KeyedVertex {
  constructor(
    ctx: OperatorContext,
    epochs: EpochPolicy,
    private readonly fn: KeyedCoProcessFunction<unknown, unknown, unknown>,
    private readonly keyOf: readonly [KeyOf, KeyOf],
  ) {
    super(ctx, epochs, fn.onTimer?.bind(fn));
  }

  onRecv(input: number, m: Message): boolean {
    const ctx = this.kctx;
    const keyOf = this.keyOf[input];
    ctx.epoch = m.time[0];
    const { values, ts, createdAt, ingestedAt } = m;
    for (let i = 0; i < m.length; i++) {
      const value = values[i];
      ctx.setKey(keyOf(value), ts[i]);
      this.ts = ts[i];
      this.createdAt = createdAt[i];
      this.ingestedAt = ingestedAt[i];
      if (input === 0) this.fn.processLeft(value, ctx, this);
      else this.fn.processRight(value, ctx, this);
    }
    return true;
  }
}

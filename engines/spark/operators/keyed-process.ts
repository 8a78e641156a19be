/**
 * Keyed process and co-process as batch operators (Spark's flatMapGroupsWithState with event-time
 * timeouts; a two-input function runs its left input's rows, then its right input's, as Spark's
 * stream-stream join does). Per row: set the current key, call the user function. At the end of the
 * batch, event-time timers at or before the batch's watermark fire in time order. Outputs of a timer
 * carry NaN latency stamps (no input record caused them).
 */
import type {
  Collector,
  CoProcessNode,
  KeyedCoProcessFunction,
  KeyedProcessFunction,
  Millis,
  ProcessNode,
} from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { TimerQueue } from '../../shared/timer-queue.js';
import type { KeyOf } from '../physical-plan.js';
import type { ChunkOutput, RowChunk } from '../rows.js';
import { KeyedStateMap, ProcessContext } from '../state/keyed-state.js';
import type { BatchInfo, StatefulOperator } from './operator.js';

/** One partition of a process or coProcess node, keeping that partition's keyed state and timers. */
export class KeyedProcessOperator implements StatefulOperator, Collector<unknown> {
  private readonly queue = new TimerQueue();
  private readonly keyed = new KeyedStateMap();
  readonly state = this.keyed;
  private readonly ctx: ProcessContext;
  /** The user function, called as a method (no bound function in between, one call per row). */
  private readonly one: KeyedProcessFunction<unknown, unknown> | null;
  private readonly two: KeyedCoProcessFunction<unknown, unknown, unknown> | null;
  private out: ChunkOutput | null = null;
  private ts = 0;
  private createdAt = 0;
  private ingestedAt = 0;

  constructor(
    node: ProcessNode | CoProcessNode,
    private readonly keyOfs: readonly KeyOf[],
    counters: CounterSet,
  ) {
    this.one = node.kind === 'process' ? node.fn : null;
    this.two = node.kind === 'coProcess' ? node.fn : null;
    this.ctx = new ProcessContext(this.keyed, this.queue, counters);
  }

  stateLoaded(): void {
    for (const [key, time] of this.keyed.allTimers()) this.queue.register(key, time);
  }

  open(batch: BatchInfo): void {
    this.ctx.watermark = batch.watermark;
  }

  process(input: number, rows: RowChunk, out: ChunkOutput): void {
    this.out = out;
    const keyOf = this.keyOfs[input];
    const { values, ts, createdAt, ingestedAt } = rows;
    const { ctx, one, two } = this;
    for (let i = 0; i < rows.size; i++) {
      const value = values[i];
      ctx.setKey(keyOf(value), ts[i]);
      this.ts = ts[i];
      this.createdAt = createdAt[i];
      this.ingestedAt = ingestedAt[i];
      if (one !== null) one.processElement(value, ctx, this);
      else if (input === 0) two!.processLeft(value, ctx, this);
      else two!.processRight(value, ctx, this);
    }
  }

  collect(value: unknown, timestamp?: Millis): void {
    this.out!.push(value, timestamp ?? this.ts, this.createdAt, this.ingestedAt);
  }

  finish(out: ChunkOutput): void {
    this.out = out;
    const wm = this.ctx.watermark;
    // Due timers leave the state even when the function has no onTimer (they would pile up otherwise).
    for (let t = this.queue.pollUpTo(wm); t !== null; t = this.queue.pollUpTo(wm)) {
      this.ctx.setKey(t.key, t.time);
      this.keyed.removeTimer(t.time);
      this.ts = t.time;
      this.createdAt = Number.NaN;
      this.ingestedAt = Number.NaN;
      (this.one ?? this.two)!.onTimer?.(t.time, this.ctx, this);
    }
  }
}

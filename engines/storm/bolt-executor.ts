/**
 * A bolt executor (Storm's BoltExecutor): takes tuples from its receive queue in order and runs them.
 *
 *   data       anchor the collector to the tuple, execute, then ack it (or fail it, under fault
 *              injection) unless the bolt holds it (a window)
 *   watermark  merge per sender; when the task's watermark advances, fire windows and timers, forward it
 *   end        once every sender has ended: fire what is left, end this task's stream
 *   checkpoint the stateful-bolt protocol (checkpoint.ts), when the topology has stateful bolts
 *
 * Fault injection (config failEveryNthTuple / dropEveryNthTuple): the executor counts its data tuples
 * and fails the Nth after executing it, or loses it before executing it (never acked: it times out).
 */
import type { Millis } from '../../workloads/plan/index.js';
import type { Bolt } from './bolts/bolt.js';
import type { CheckpointHandler } from './checkpoint.js';
import { Executor, TUPLES_PER_TURN } from './executor.js';
import type { Anchor } from './message-id.js';
import type { OutputCollector } from './output-collector.js';
import type { StormStats } from './stats.js';
import type { ExecutorTransfer } from './transfer.js';
import { CHECKPOINT, DATA_RIGHT, END, type TupleQueue, WATERMARK } from './tuple-queue.js';
import type { WatermarkValve } from './watermarks.js';

/** Fault injection knobs of a bolt executor (config failEveryNthTuple / dropEveryNthTuple; 0 = off). */
export interface Faults {
  readonly failEveryNth: number;
  readonly dropEveryNth: number;
}

/** Runs one bolt task: its tuples in arrival order, with acking, watermarks and end of stream. */
export class BoltExecutor extends Executor {
  private seen = 0;
  private ended = 0;
  /** A watermark whose windows and timers are still firing (NaN: none). */
  private firing = Number.NaN;
  /** Every sender has ended: end the stream once the last firing is done. */
  private ending = false;
  /** Set right after construction (a sink bolt needs its executor, to stall it). */
  bolt!: Bolt;
  /** The $checkpoint protocol, in a topology with stateful bolts. */
  checkpoints: CheckpointHandler | null = null;

  constructor(
    name: string,
    taskId: number,
    queue: TupleQueue,
    transfer: ExecutorTransfer,
    readonly collector: OutputCollector,
    private readonly valve: WatermarkValve,
    /** Tasks that send this one anything; each ends its stream once. */
    private readonly senders: number,
    private readonly faults: Faults,
    private readonly stats: StormStats,
  ) {
    super(name, taskId, queue, transfer);
  }

  step(): boolean {
    if (!this.ready()) return false;
    // Firing that stopped on a full queue resumes before any new tuple is taken.
    if (!Number.isNaN(this.firing) && !this.fire()) return true;
    const q = this.queue;
    const transfer = this.transfer;
    let n = 0;
    while (q.size > 0 && n < TUPLES_PER_TURN) {
      const i = q.first;
      const stream = q.stream[i];
      const source = q.source[i];
      const value = q.value[i];
      const ts = q.ts[i];
      const createdAt = q.createdAt[i];
      const ingestedAt = q.ingestedAt[i];
      const anchor = q.anchor[i];
      const idHi = q.idHi[i];
      const idLo = q.idLo[i];
      q.pop();
      n++;
      if (this.checkpoints !== null && !this.checkpoints.initialized && stream !== CHECKPOINT) {
        this.checkpoints.hold(stream, source, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
      } else if (stream <= DATA_RIGHT) {
        this.execute(stream, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
      } else {
        this.handle(stream, source, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
      }
      if (this.stalledOn !== null || transfer.overflow.size > 0 || this.finished) break;
      if (!Number.isNaN(this.firing)) break;
    }
    return n > 0;
  }

  /** One tuple, in arrival order. */
  handle(
    stream: number,
    source: number,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    anchor: Anchor,
    idHi: number,
    idLo: number,
  ): void {
    if (stream <= DATA_RIGHT) this.execute(stream, value, ts, createdAt, ingestedAt, anchor, idHi, idLo);
    else if (stream === WATERMARK) {
      if (this.valve.update(source, ts)) this.advance(this.valve.current);
    } else if (stream === END) {
      if (++this.ended === this.senders) this.end();
    } else if (stream === CHECKPOINT) {
      this.checkpoints!.receive(this, ts, value as number, anchor, idHi, idLo);
    } else {
      throw new RangeError(`bolt ${this.name} got a tuple on stream ${stream}`);
    }
  }

  private execute(
    input: number,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    anchor: Anchor,
    idHi: number,
    idLo: number,
  ): void {
    const seen = ++this.seen;
    const { failEveryNth, dropEveryNth } = this.faults;
    if (dropEveryNth > 0 && seen % dropEveryNth === 0) {
      this.stats.injectedDrops++;
      return;
    }
    const c = this.collector;
    c.begin(anchor, idHi, idLo);
    const failing = failEveryNth > 0 && seen % failEveryNth === 0;
    c.failing = failing;
    this.bolt.execute(input, value, ts, createdAt, ingestedAt);
    if (failing) this.stats.injectedFails++;
    if (c.held) return;
    if (failing) c.fail();
    else c.ack();
  }

  /** The task's watermark advanced: what fires is emitted unanchored or anchored to its window. */
  private advance(wm: Millis): void {
    this.firing = wm;
    this.fire();
  }

  /** Every sender ended: fire timers registered since the final watermark (replays), end the stream. */
  private end(): void {
    this.ending = true;
    this.firing = Number.POSITIVE_INFINITY;
    this.fire();
  }

  /**
   * Fires the windows and timers the pending watermark passes; once all have fired, forwards the
   * watermark (or ends the stream). Departure: Storm's WindowManager fires every due window in one go,
   * into an unbounded pendingEmits; here a firing that fills a queue stops and resumes on the next turn
   * (before any new tuple), so the same outputs come out in the same order with bounded overflow.
   */
  private fire(): boolean {
    const wm = this.firing;
    this.collector.begin(null, 0, 0);
    if (!this.bolt.onWatermark(wm)) return false;
    this.firing = Number.NaN;
    if (this.ending) {
      this.collector.end();
      this.finished = true;
    } else {
      this.collector.watermark(wm);
    }
    return true;
  }
}

/**
 * An executor: Storm's unit of execution (a thread running one task here), with its bounded receive
 * queue and its sending side. The engine's scheduler calls `step()` round robin on one thread; a step
 * takes at most a turn's worth of tuples, so every executor gets its turn, as Storm's executor threads
 * share the CPU.
 *
 * Backpressure: an executor whose overflow (pendingEmits) cannot drain into a full queue takes no input
 * that turn (Storm 2 stops consuming while pendingEmits is not empty). A sink whose write returned a
 * promise stalls its sink's executors until the promise settles.
 */
import type { Millis } from '../../workloads/plan/index.js';
import type { ExecutorTransfer } from './transfer.js';
import type { TupleQueue } from './tuple-queue.js';

/** Tuples an executor handles per scheduling turn before the next executor runs. */
export const TUPLES_PER_TURN = 1024;

/** What every executor shares: its queue, its sending side, stalls and backpressure. */
export abstract class Executor {
  finished = false;
  stalledOn: Promise<void> | null = null;
  /** What a stalled sink's promise rejected with: the run fails with it. */
  failure: { readonly error: unknown } | null = null;
  /** Turns this executor skipped because its overflow could not drain (backpressure). */
  backpressuredTurns = 0;

  constructor(
    readonly name: string,
    readonly taskId: number,
    readonly queue: TupleQueue,
    readonly transfer: ExecutorTransfer,
  ) {}

  /** Runs one turn; returns whether it did any work. */
  abstract step(now: Millis): boolean;

  /** Wall time of this executor's next timed work (tick tuples, watermarks, an idle reader), or +∞. */
  nextDue(): Millis {
    return Number.POSITIVE_INFINITY;
  }

  /** Whether the run may end before this executor finishes (an acker serves every tree to the end). */
  get daemon(): boolean {
    return false;
  }

  /** Stops taking input until `until` settles (a slow sink). */
  stall(until: Promise<void>): void {
    const gate: Promise<void> = until.then(
      () => {
        if (this.stalledOn === gate) this.stalledOn = null;
      },
      (error: unknown) => {
        this.failure = { error };
        if (this.stalledOn === gate) this.stalledOn = null;
      },
    );
    this.stalledOn = gate;
  }

  /** Whether the executor may take input: not stalled, and its overflow drained. */
  protected ready(): boolean {
    if (this.finished || this.stalledOn !== null) return false;
    if (this.transfer.overflow.size > 0 && !this.transfer.drain()) {
      this.backpressuredTurns++;
      return false;
    }
    return true;
  }
}

/**
 * The open-loop driver: turns a dataset's replayable input into an engine-facing SourceReader that
 * releases each event at its *intended* emission time, whatever the engine is doing. Each event carries
 * that time (`createdAt`), so when an engine falls behind, the queueing shows in event-time latency
 * instead of being hidden by a client that waits (coordinated omission).
 *
 * Pacing:
 *   rate    event i is due at start + i / rate           (a fixed number of events per second)
 *   speed   event is due at start + (ts − ts₀) / speed   (replay at a multiple of recorded time)
 *   unpaced every event is due at once; createdAt = the time it is read (throughput runs)
 */
import type { ReplayableInput, Timestamped } from '../../datasets/input.js';
import type { Emit, PollResult, SourcePosition, SourceReader } from '../../engines/contract.js';

export type Pacing =
  | { readonly mode: 'rate'; readonly eventsPerSec: number }
  | { readonly mode: 'speed'; readonly factor: number }
  | { readonly mode: 'unpaced' };

export class OpenLoopSource<T> implements SourceReader<T> {
  private pending: Timestamped<T> | null = null;
  private index = 0;
  private firstTs = Number.NaN;
  private readonly msPerEvent: number;

  constructor(
    private readonly input: ReplayableInput<T>,
    private readonly pacing: Pacing,
    /** Wall time (ms) at which event 0 is due. */
    private readonly startAt: number,
  ) {
    this.msPerEvent = pacing.mode === 'rate' ? 1000 / pacing.eventsPerSec : 0;
  }

  poll(now: number, max: number, emit: Emit<T>): PollResult {
    let n = 0;
    while (n < max) {
      if (this.pending === null) {
        this.pending = this.input.next();
        if (this.pending === null) {
          if (n > 0) return { kind: 'records', n };
          // A network input still fetching: idle briefly rather than report the end.
          return this.input.starved?.() ? { kind: 'idle', until: now + 1 } : { kind: 'end' };
        }
        if (Number.isNaN(this.firstTs)) this.firstTs = this.pending.ts;
      }
      const due = this.dueAt(this.pending.ts, now);
      if (due > now) return n > 0 ? { kind: 'records', n } : { kind: 'idle', until: due };
      emit(this.pending.value, this.pending.ts, due);
      this.pending = null;
      this.index++;
      n++;
    }
    return { kind: 'records', n };
  }

  private dueAt(ts: number, now: number): number {
    switch (this.pacing.mode) {
      case 'rate':
        return this.startAt + this.index * this.msPerEvent;
      case 'speed':
        return this.startAt + (ts - this.firstTs) / this.pacing.factor;
      case 'unpaced':
        return now;
    }
  }

  position(): SourcePosition {
    return this.index;
  }

  seek(position: SourcePosition): void {
    if (typeof position !== 'number')
      throw new TypeError(`OpenLoopSource positions are numbers, got ${position}`);
    this.input.seek(position);
    this.resumeAt(position);
  }

  /** Whether an event has been read from the input but not yet emitted (it was not due yet). */
  get holding(): boolean {
    return this.pending !== null;
  }

  /**
   * Continues pacing from event `index` after the input itself was repositioned (a Kafka input seeks by
   * offsets, not by index): the held event is dropped, the input will read it again.
   */
  resumeAt(index: number): void {
    this.pending = null;
    this.index = index;
  }
}

/**
 * The faults a worker injects into itself, by wrapping its source task (the engine's first operator):
 * a task crash (the source throws once, at event N or time T) and a straggler (the source spends
 * `slowMs` per record for a period). Process crashes and source outages are the supervisor's.
 */
import type { Emit, PollResult, SourcePosition, SourceReader } from '../../engines/contract.js';
import { FlinkCoinError } from '../errors.js';
import type { Fault } from './fault-plan.js';

/** What an operator throws when a task crash is injected. */
export class InjectedTaskFailure extends FlinkCoinError {
  constructor(at: string) {
    super(`injected task failure at ${at}`, { retriable: true });
  }
}

export interface FaultyReaderHooks {
  /** A fault took effect now (wall ms). */
  fired(fault: Fault, at: number): void;
}

/** Wraps a reader whose position carries `@index` (the input log) with the worker-side faults. */
export class FaultySourceReader<T> implements SourceReader<T> {
  private readonly pending: Fault[];
  private slowUntil = 0;
  private slowMs = 0;

  constructor(
    private readonly inner: SourceReader<T> & { readonly consumed: number },
    faults: readonly Fault[],
    /** Wall ms at which event 0 was due (the origin of `at.ms`). */
    private readonly startAt: number,
    private readonly hooks: FaultyReaderHooks,
  ) {
    this.pending = faults.filter((f) => f.kind === 'task-crash' || f.kind === 'straggler');
  }

  poll(now: number, max: number, emit: Emit<T>): PollResult {
    if (this.pending.length > 0) this.trigger(now, max);
    const result = this.inner.poll(now, this.limit(now, max), emit);
    if (result.kind === 'records' && now < this.slowUntil) spin(result.n * this.slowMs);
    return result;
  }

  position(): SourcePosition {
    return this.inner.position();
  }

  seek(position: SourcePosition): void {
    this.inner.seek(position);
  }

  /** Stops a poll just before an event-triggered fault, so it fires at exactly that event. */
  private limit(_now: number, max: number): number {
    let limit = max;
    for (const f of this.pending) {
      if ('event' in f.at) limit = Math.min(limit, Math.max(1, f.at.event - this.inner.consumed));
    }
    return limit;
  }

  private trigger(now: number, _max: number): void {
    for (let i = 0; i < this.pending.length; i++) {
      const f = this.pending[i]!;
      const due = 'event' in f.at ? this.inner.consumed >= f.at.event : now >= this.startAt + f.at.ms;
      if (!due) continue;
      this.pending.splice(i--, 1);
      this.hooks.fired(f, now);
      if (f.kind === 'straggler') {
        this.slowUntil = now + f.durationMs;
        this.slowMs = f.slowMs;
      } else {
        throw new InjectedTaskFailure(`event ${this.inner.consumed}`);
      }
    }
  }
}

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

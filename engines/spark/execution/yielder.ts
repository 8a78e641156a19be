/**
 * How the driver and its tasks give the thread back. A long micro-batch must not block the event loop:
 * the executor asks `due()` between chunks of rows and awaits `yield()` when a few milliseconds of work
 * have passed (one async boundary per chunk, never per row). Between triggers the driver sleeps.
 * Aborts are honoured at yields where the caller allows it (not while a batch's outputs are being handed
 * to the sinks, so that a batch reaches the sinks whole or not at all) and end every sleep.
 */
import { setTimeout as sleepMs, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FlinkCoinError } from '../../../harness/errors.js';
import type { Millis } from '../../../workloads/plan/index.js';
import type { Clock } from '../../contract.js';

const YIELD_EVERY_MS = 5;

/** The one place the engine awaits: yields, sleeps and abort checks. */
export class Yielder {
  private last: number;

  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.last = clock.now();
  }

  due(): boolean {
    return this.clock.now() - this.last >= YIELD_EVERY_MS;
  }

  async yield(abortable: boolean): Promise<void> {
    await yieldToEventLoop();
    this.last = this.clock.now();
    if (abortable) this.checkAbort();
  }

  /** Throws if the run was aborted (user interrupt, harness time limit). */
  checkAbort(): void {
    if (this.signal?.aborted) throw new FlinkCoinError('run aborted', { cause: this.signal.reason });
  }

  /** Sleeps `ms` (just yields when it is not positive); an abort cuts the sleep short and throws. */
  async sleep(ms: number): Promise<void> {
    if (ms > 0) {
      await sleepMs(ms, undefined, { signal: this.signal }).catch((e: unknown) => {
        if (!this.signal?.aborted) throw e;
      });
    } else await yieldToEventLoop();
    this.last = this.clock.now();
    this.checkAbort();
  }

  /** Spark's clock.waitTillTime: timers may fire a little early, so sleep until the clock says so. */
  async sleepUntil(time: Millis): Promise<void> {
    do await this.sleep(time - this.clock.now());
    while (this.clock.now() < time);
  }
}

/**
 * Runs the executors cooperatively on one thread (Storm runs each executor on its own thread). Each
 * round steps every executor once and moves the workers' transfer queues on; the flush timer
 * (batchFlushIntervalMs, only when a batch size is above 1) publishes partial batches. The run ends
 * when every spout and bolt has ended (ackers serve to the last ack).
 *
 * It yields to the event loop every few milliseconds of work, so that I/O, timers and async sinks make
 * progress, and when nothing can run it sleeps until the next due time (a reader's next record, a
 * watermark, a tick that rotates pending maps, a checkpoint) or until a stalled sink settles. An abort
 * ends the run at the next round or cuts a sleep short.
 */
import { setTimeout as sleep, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FlinkCoinError, toError } from '../../harness/errors.js';
import type { JobSpec } from '../contract.js';
import type { StormConfig } from './config.js';
import type { Deployment } from './deploy.js';
import type { Executor } from './executor.js';

const YIELD_EVERY_MS = 5;
/** Longest single sleep, so that a run never waits long on a clock that jumped. */
const MAX_SLEEP_MS = 1000;

/** Runs the deployment to its end (see the module comment); rejects with any user or sink error. */
export async function schedule(d: Deployment, job: JobSpec, cfg: StormConfig): Promise<void> {
  const clock = job.clock;
  const { executors, workerTransfers } = d;
  const batching = cfg.producerBatchSize > 1 || cfg.transferBatchSize > 1;
  const flushEvery = batching ? cfg.batchFlushIntervalMs : Number.POSITIVE_INFINITY;
  let nextFlush = clock.now() + flushEvery;
  let lastYield = clock.now();
  for (;;) {
    checkAbort(job);
    const now = clock.now();
    let worked = false;
    let running = 0;
    for (const e of executors) {
      if (e.failure !== null) throw toError(e.failure.error);
      if (e.finished) continue;
      if (!e.daemon) running++;
      if (e.step(now)) worked = true;
    }
    for (const w of workerTransfers) if (w.step()) worked = true;
    if (running === 0) return;
    if (now >= nextFlush) {
      for (const t of d.transfers) t.flush();
      for (const w of workerTransfers) w.flush();
      nextFlush = now + flushEvery;
    }
    if (worked) {
      if (clock.now() - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = clock.now();
      }
      continue;
    }
    await idle(executors, nextFlush, job);
    lastYield = clock.now();
  }
}

function checkAbort(job: JobSpec): void {
  if (job.signal?.aborted) throw new FlinkCoinError('run aborted', { cause: job.signal.reason });
}

/** Nothing could run: wait for the next due time or a stalled sink, whichever comes first. */
async function idle(executors: readonly Executor[], nextFlush: number, job: JobSpec): Promise<void> {
  let due = nextFlush;
  const stalls: Promise<void>[] = [];
  for (const e of executors) {
    if (e.finished) continue;
    const at = e.nextDue();
    if (at < due) due = at;
    if (e.stalledOn !== null) stalls.push(e.stalledOn);
  }
  const waitMs = due - job.clock.now();
  // Due within the millisecond: sleep the timer's 1 ms minimum below rather than spin on setImmediate
  // (a busy core at low paced rates); only work already due yields at once.
  if (waitMs <= 0 && stalls.length === 0) {
    await yieldToEventLoop();
    return;
  }
  if (!Number.isFinite(waitMs) && stalls.length === 0) {
    const stuck = executors.filter((e) => !e.finished && !e.daemon).map((e) => e.name);
    throw new FlinkCoinError(`storm topology cannot progress: ${stuck.join(', ')} wait for nothing`);
  }
  const nap = sleep(Math.max(1, Math.min(waitMs, MAX_SLEEP_MS)), undefined, { signal: job.signal }).catch(
    () => undefined, // an abort ends the nap; the next round reports it
  );
  await Promise.race([nap, ...stalls]);
}

/**
 * The cooperative scheduler of one deployment. Each turn it triggers a checkpoint if one is due, steps
 * every task once (downstream first, so buffers drain before sources refill them), and runs the
 * periodic output flusher (bufferTimeoutMs). When no task could work it sleeps until the next source
 * record, watermark, flush or checkpoint is due, or a stalled sink settles. It yields to the event loop
 * every few milliseconds so that I/O, timers and async sinks make progress.
 *
 * It returns when every task has finished, and throws the first task failure: an exception from an
 * operator or user function, a failed sink write, or the abort signal.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FlinkCoinError } from '../../../harness/errors.js';
import type { JobSpec } from '../../contract.js';
import type { CheckpointCoordinator } from '../checkpoint/coordinator.js';
import type { FlinkConfig } from '../config.js';
import type { SourceTask } from './source-task.js';
import type { Task } from './task.js';

const YIELD_EVERY_MS = 5;

/** Runs one deployment until every task finished; rejects with the first task failure. */
export async function schedule(
  tasks: readonly Task[],
  sources: readonly SourceTask[],
  job: JobSpec,
  cfg: FlinkConfig,
  checkpoints: CheckpointCoordinator | null,
): Promise<void> {
  const clock = job.clock;
  const flushEvery = cfg.bufferTimeoutMs ?? Number.POSITIVE_INFINITY;
  let nextFlush = clock.now() + flushEvery;
  let lastYield = clock.now();
  for (;;) {
    if (job.signal?.aborted) throw new FlinkCoinError('run aborted', { cause: job.signal.reason });
    let now = clock.now();
    checkpoints?.maybeTrigger(now, sources);
    let worked = false;
    let running = 0;
    for (const task of tasks) {
      if (task.failure !== null) throw task.failure;
      if (task.finished) continue;
      running++;
      if (task.step(now)) worked = true;
    }
    if (running === 0) return;
    if (now >= nextFlush) {
      for (const task of tasks) task.flushOutputs();
      nextFlush = now + flushEvery;
      worked = true;
    }
    now = clock.now();
    if (worked) {
      if (now - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = clock.now();
      }
      continue;
    }
    let wake = Math.min(nextFlush, checkpoints?.nextTriggerAt ?? Number.POSITIVE_INFINITY);
    for (const s of sources) wake = Math.min(wake, nextWake(s));
    await idle(tasks, wake - now);
    lastYield = clock.now();
  }
}

function nextWake(source: SourceTask): number {
  return source.finished ? Number.POSITIVE_INFINITY : Math.min(source.idleUntil, source.watermarkDueAt);
}

/** Nothing can run: wait for a stalled sink, or until the next due time. */
async function idle(tasks: readonly Task[], waitMs: number): Promise<void> {
  const stalls = tasks.map((t) => t.stalledOn).filter((p): p is Promise<void> => p !== null);
  if (waitMs <= 0 || !Number.isFinite(waitMs)) {
    if (stalls.length > 0 && !Number.isFinite(waitMs)) await Promise.race(stalls);
    else await yieldToEventLoop();
    return;
  }
  // Something is due within the millisecond: sleep the timer's minimum (1 ms) rather than spin on
  // setImmediate, which kept a core busy at low paced rates for at most a millisecond of latency.
  const sleep = new Promise<void>((resolve) => setTimeout(resolve, Math.min(Math.max(1, waitMs), 1000)));
  await Promise.race([sleep, ...stalls]);
}

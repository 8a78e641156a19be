/**
 * Checkpointing a TimerQueue: its live event-time timers as plain data, in firing order, and back.
 */
import type { Millis } from '../../workloads/plan/index.js';
import type { TimerQueue } from './timer-queue.js';

/** Live event-time timers in firing order. */
export type TimersSnapshot = [time: Millis, key: string][];

/**
 * The timers of a TimerQueue in firing order. The queue has no iterator, so they are polled out and
 * registered again in the same order, which keeps the order among timers of equal time.
 */
export function snapshotTimers(queue: TimerQueue): TimersSnapshot {
  const timers: TimersSnapshot = [];
  for (let t = queue.pollUpTo(Number.POSITIVE_INFINITY); t !== null; ) {
    timers.push([t.time, t.key]);
    t = queue.pollUpTo(Number.POSITIVE_INFINITY);
  }
  for (const [time, key] of timers) queue.register(key, time);
  return timers;
}

/** Registers a snapshot's timers on an empty queue. */
export function restoreTimers(queue: TimerQueue, timers: TimersSnapshot): void {
  if (queue.size !== 0) throw new Error(`restoring timers into a queue that holds ${queue.size}`);
  for (const [time, key] of timers) queue.register(key, time);
}

/**
 * The cooperative scheduler: one thread drives every worker, a round at a time (each worker's `step()`
 * in turn), yields to the event loop every few milliseconds of work so that I/O, timers and async sinks
 * progress, and sleeps when no worker can do anything until an input has records due or a stalled sink
 * settles. It also runs Naiad's checkpoint protocol (pause, drain, snapshot, commit) and, on a worker
 * failure, the rollback of every worker to the last checkpoint. A job with a state directory starts from
 * the newest checkpoint an earlier process stored there, if any. Restoring a checkpoint commits its
 * held outputs again (a transactional writer ignores a transaction it already has), and the run ends
 * with a final checkpoint whose commit releases the last outputs.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FlinkCoinError, toError } from '../../harness/errors.js';
import type { JobSpec, OutputRecord } from '../contract.js';
import type { CounterSet } from '../shared/counters.js';
import type { CheckpointCoordinator } from './checkpoint.js';
import type { Runtime } from './dataflow/runtime.js';
import { WorkerFailure } from './fault.js';
import { InputOperator } from './operators/input.js';
import { type SinkGate, SinkVertex } from './operators/sink.js';

const YIELD_EVERY_MS = 5;

/** What the scheduler drives: a way to build the runtime, the sinks' gates, and fault tolerance. */
export interface Schedule {
  readonly job: JobSpec;
  /** Builds a fresh runtime (at start, and for every rollback). */
  readonly build: () => Runtime;
  readonly gates: readonly SinkGate[];
  readonly counters: CounterSet;
  /** Present when fault tolerance is on. */
  readonly coordinator: CheckpointCoordinator | null;
  /** Told which checkpoint the run resumed from at start (null: none). */
  readonly onResumed?: (id: number | null) => void;
}

/** Runs the dataflow to completion, then drains the sinks. */
export async function schedule(s: Schedule): Promise<void> {
  const { job, gates, coordinator, counters } = s;
  const clock = job.clock;
  let runtime = s.build();
  const resumedId = job.stateDir === undefined ? null : (coordinator?.resume(runtime, counters) ?? null);
  if (resumedId === null) {
    runtime.start();
    coordinator?.take(runtime, counters);
  } else {
    commitSinks(runtime, resumedId, true);
  }
  s.onResumed?.(resumedId);
  if (job.stateDir !== undefined) job.recovery?.stateRestored?.(clock.now(), resumedId);
  let lastYield = clock.now();
  while (!runtime.complete) {
    if (job.signal?.aborted) throw new FlinkCoinError('run aborted', { cause: job.signal.reason });
    for (const g of gates) if (g.error !== null) throw toError(g.error);
    let now = clock.now();
    let worked: boolean;
    try {
      coordinator?.maybeBegin(runtime, now);
      const draining = coordinator?.draining ?? false;
      worked = runtime.round(now, draining);
      if (draining && !worked) {
        coordinator!.complete(runtime, counters, clock.now(), (id) => commitSinks(runtime, id, false));
        worked = true;
      }
    } catch (e) {
      if (!(e instanceof WorkerFailure) || coordinator === null) throw e;
      job.recovery?.failureDetected?.(clock.now(), e);
      runtime = s.build();
      const id = coordinator.rollback(runtime, counters);
      commitSinks(runtime, id, true);
      job.recovery?.stateRestored?.(clock.now(), id);
      continue;
    }
    for (const g of gates) if (g.pump()) worked = true;
    now = clock.now();
    if (worked) {
      if (now - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = clock.now();
      }
      continue;
    }
    await idle(runtime, gates, now);
    lastYield = clock.now();
  }
  // The computation is over: a final checkpoint, so a restarted process has nothing left to do.
  if (coordinator !== null) commitSinks(runtime, coordinator.take(runtime, counters), false);
  await drainGates(gates);
}

/**
 * Checkpoint `id` completed or was restored: every sink vertex's held outputs become final, one
 * transaction per output holding its vertices' outputs in worker order.
 */
function commitSinks(runtime: Runtime, id: number, restored: boolean): void {
  const byGate = new Map<SinkGate, OutputRecord[]>();
  for (const w of runtime.workers) {
    for (const h of w.hosts) {
      if (!(h.operator instanceof SinkVertex)) continue;
      const records = byGate.get(h.operator.gate) ?? [];
      for (const r of h.operator.takeHeld()) records.push(r);
      byGate.set(h.operator.gate, records);
    }
  }
  for (const [gate, records] of byGate) gate.commit(id, records, restored);
}

/** No worker can do anything: wait for a stalled sink, or for an input's next due record. */
async function idle(runtime: Runtime, gates: readonly SinkGate[], now: number): Promise<void> {
  let wake = Number.POSITIVE_INFINITY;
  for (const w of runtime.workers) {
    for (const h of w.hosts)
      if (h.operator instanceof InputOperator) wake = Math.min(wake, h.operator.idleUntil);
  }
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 1000)));
  const stalls: Promise<void>[] = gates.map((g) => g.stalledOn).filter((p): p is Promise<void> => p !== null);
  if (stalls.length > 0) {
    await Promise.race(Number.isFinite(wake) && wake > now ? [...stalls, sleep(wake - now)] : stalls);
    return;
  }
  if (Number.isFinite(wake) && wake > now) {
    await sleep(wake - now);
    return;
  }
  // Nothing to wait for outside: only progress held back (Demand mode) can be missing. Send it all.
  if (runtime.round(now, true) || runtime.complete) return;
  if (!Number.isFinite(wake)) {
    throw new Error('naiad: inputs are closed, nothing is queued, yet progress tracking is not complete');
  }
  await yieldToEventLoop();
}

/** Writes every committed output and waits for the writers' last promises. */
async function drainGates(gates: readonly SinkGate[]): Promise<void> {
  for (;;) {
    for (const g of gates) {
      g.pump();
      if (g.error !== null) throw toError(g.error);
    }
    const stalls = gates.map((g) => g.stalledOn).filter((p): p is Promise<void> => p !== null);
    if (stalls.length === 0 && gates.every((g) => g.backlog === 0)) return;
    await Promise.race(stalls);
  }
}

/**
 * Recovery phases of each injected fault, from what the supervisor saw and the outputs' timestamps:
 *
 *   injected ─▶ detected ─▶ restarted ─▶ restored ─▶ caught up
 *
 * - detected: the supervisor saw the worker die, or the engine reported a task failure in-process;
 * - restarted: a new worker was ready (for an in-process restart, when the tasks restored state);
 * - restored: the engine restored state from its checkpoint / batch / epoch (reported by the engine);
 * - caught up: the backlog built up since the fault was drained (the worker had consumed what the driver
 *   had released, less 100 ms of input) and an output was delivered again within the pre-fault p99
 *   event-time latency (Karimov et al.'s recovery: back to the steady state).
 * Source outages and stragglers stop nothing: only "caught up" applies to them.
 * Each phase is ms after the injection; null when the run never reached it or has no such phase.
 */
import type { FaultRecovery } from '../results/schema.js';
import type { LoggedOutput } from './output-log.js';
import type { FaultObservation, SupervisedRun } from './supervisor.js';

export function recoveryPhases(
  run: SupervisedRun,
  predictions: readonly LoggedOutput[],
  eventsPerSec: number,
): FaultRecovery[] {
  const injected = run.faults.filter((f) => f.injectedAt !== null && Number.isFinite(f.injectedAt));
  return injected.map((f) => {
    const t0 = f.injectedAt!;
    const since = (t: number | null) => (t === null ? null : Math.max(0, t - t0));
    const restarted = f.restartedAt ?? (f.fault.kind === 'task-crash' ? f.restoredAt : null);
    const resumeAt = resumedAt(f);
    return {
      kind: f.fault.kind,
      injectedAtMs: t0 - run.startAt,
      detectedMs: since(f.detectedAt),
      restartedMs: since(restarted),
      restoredMs: since(f.restoredAt),
      caughtUpMs: since(caughtUpAt(run, predictions, t0, resumeAt, eventsPerSec)),
    };
  });
}

/** When the system was whole again and could start catching up. */
function resumedAt(f: FaultObservation): number {
  const t0 = f.injectedAt!;
  if (f.fault.kind === 'source-outage' || f.fault.kind === 'straggler') return t0 + f.fault.durationMs;
  return f.restoredAt ?? f.restartedAt ?? f.detectedAt ?? t0;
}

function caughtUpAt(
  run: SupervisedRun,
  predictions: readonly LoggedOutput[],
  t0: number,
  resumeAt: number,
  eventsPerSec: number,
): number | null {
  const before = predictions.filter((p) => p.visibleAt < t0 && Number.isFinite(p.createdAt));
  if (before.length === 0) return null;
  const p99 = percentile(
    before.map((p) => p.visibleAt - p.createdAt),
    0.99,
  );
  const slack = Math.max(1, eventsPerSec * 0.1);
  const drainedAt = run.consumed.find(([at, n]) => at >= resumeAt && n >= releasedBy(run, at) - slack)?.[0];
  if (drainedAt === undefined) return null;
  const back = predictions.find((p) => p.visibleAt >= drainedAt && p.visibleAt - p.createdAt <= p99);
  return back?.visibleAt ?? null;
}

function releasedBy(run: SupervisedRun, at: number): number {
  let n = 0;
  for (const [t, released] of run.released) {
    if (t > at) break;
    n = released;
  }
  return n;
}

function percentile(values: number[], q: number): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

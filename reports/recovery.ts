/**
 * The report's reading of injected faults: where to mark them on the timelines, and how long each run
 * took through each recovery phase. Both come from the optional `recovery` field of a completed run, so
 * runs without faults simply have none.
 */
import type { CompletedRun, FaultRecovery } from '../harness/results/schema.js';

/** A vertical mark on a timeline: when a fault hit, in ms since the run started, and which fault. */
export interface FaultMark {
  readonly atMs: number;
  readonly kind: string;
}

/** The phases of a recovery, in the order a run goes through them. */
export const RECOVERY_PHASES = ['detectedMs', 'restartedMs', 'restoredMs', 'caughtUpMs'] as const;
export type RecoveryPhase = (typeof RECOVERY_PHASES)[number];

/** Names of the phases as the charts show them: the span that ends at the phase. */
export const PHASE_LABELS: Record<RecoveryPhase, string> = {
  detectedMs: 'detecting the failure',
  restartedMs: 'restarting tasks',
  restoredMs: 'restoring state',
  caughtUpMs: 'catching up',
};

/** The run's injected faults with their recovery times (none when no fault was injected). */
export function faultsOf(run: CompletedRun): readonly FaultRecovery[] {
  return run.recovery?.faults ?? [];
}

/** Where the run's faults hit, for the timelines. */
export function faultMarks(run: CompletedRun): FaultMark[] {
  return faultsOf(run).map((f) => ({ atMs: f.injectedAtMs, kind: f.kind }));
}

/** The longest time any of the run's faults took to reach `phase`; null when none reached it. */
export function maxPhaseMs(run: CompletedRun, phase: RecoveryPhase): number | null {
  const times = faultsOf(run)
    .map((f) => f[phase])
    .filter((ms): ms is number => ms !== null);
  return times.length === 0 ? null : Math.max(...times);
}

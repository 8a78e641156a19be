/**
 * The recovery timeline of an in-process run, from what the engine reports through the JobSpec's
 * RecoveryListener (a fault knob such as Flink's `failAtEvent` or flink-real's `killAtEvent`):
 *
 *   faultInjected ─▶ failureDetected ─▶ stateRestored ─▶ caughtUp
 *
 * An engine that throws inside a task injects and detects at once: the injection is the detection
 * then. For an in-process restart the tasks run again when their state is restored, so "restarted"
 * is that moment too. Fault runs with a worker process build their timeline in harness/faults instead.
 */
import type { RecoveryListener } from '../../engines/contract.js';
import type { FaultRecovery } from '../results/schema.js';

interface OpenFault {
  kind: string;
  injectedAt: number;
  detectedAt: number | null;
  restoredAt: number | null;
  caughtUpAt: number | null;
}

export class RecoveryLog implements RecoveryListener {
  private readonly faults: OpenFault[] = [];

  faultInjected(at: number, kind: string): void {
    this.faults.push({ kind, injectedAt: at, detectedAt: null, restoredAt: null, caughtUpAt: null });
  }

  failureDetected(at: number): void {
    const open = this.faults.at(-1);
    if (open !== undefined && open.detectedAt === null) open.detectedAt = at;
    else
      this.faults.push({
        kind: 'task-crash',
        injectedAt: at,
        detectedAt: at,
        restoredAt: null,
        caughtUpAt: null,
      });
  }

  stateRestored(at: number): void {
    const open = this.faults.at(-1);
    if (open !== undefined && open.detectedAt !== null && open.restoredAt === null) open.restoredAt = at;
  }

  caughtUp(at: number): void {
    const open = this.faults.at(-1);
    if (open !== undefined && open.caughtUpAt === null) open.caughtUpAt = at;
  }

  /** The faults seen, in ms after each injection; `startAt` is the origin of the run's timelines. */
  recoveries(startAt: number): FaultRecovery[] {
    return this.faults.map((f) => {
      const since = (t: number | null) => (t === null ? null : Math.max(0, t - f.injectedAt));
      return {
        kind: f.kind,
        injectedAtMs: f.injectedAt - startAt,
        detectedMs: since(f.detectedAt),
        restartedMs: since(f.restoredAt),
        restoredMs: since(f.restoredAt),
        caughtUpMs: since(f.caughtUpAt),
      };
    });
  }
}

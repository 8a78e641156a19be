/**
 * One operator instance's outstanding notification requests (Naiad's NotifyAt / OnNotify; timely's
 * Notificator). A request for t records +1 at (t, vertex); it is delivered, in timestamp order, once the
 * worker's progress view has (t, vertex) in its frontier — no active pointstamp could-result-in it, so
 * no record at a time ≤ t can still reach the operator — and the host then records −1.
 *
 *   notifyAt([5]); notifyAt([3]); notifyAt([5]);   // pending [3], [5]: one request per time
 *   next(tracker)                                    // [3] once the frontier has passed everything ≤ 3
 *
 * Costs: notifyAt O(P) for P pending times (kept sorted); next O(P²) worst case inside loops (a time is
 * skipped while an earlier pending one is ≤ it), O(1) per call at loop depth 0.
 */
import type { ChangeBatch } from '../progress/change-batch.js';
import { compareTotal, equals, lessEqual, type Timestamp } from '../progress/timestamp.js';
import type { ProgressTracker } from '../progress/tracker.js';

/** The pending notification requests of one operator instance, delivered only as progress allows. */
export class Notificator {
  private readonly pending: Timestamp[] = [];

  constructor(
    /** The operator's vertex location. */
    private readonly location: number,
    private readonly changes: ChangeBatch,
  ) {}

  /** The pending times in delivery order (for checkpoints and tests). */
  times(): readonly Timestamp[] {
    return this.pending;
  }

  notifyAt(time: Timestamp): void {
    let i = this.pending.length;
    while (i > 0 && compareTotal(this.pending[i - 1], time) > 0) i--;
    if (i > 0 && equals(this.pending[i - 1], time)) return;
    this.pending.splice(i, 0, time);
    this.changes.update(time, this.location, 1);
  }

  /**
   * Removes and returns the first deliverable time, or null. A time is deliverable when the progress
   * view has its request in the frontier and no earlier request of this instance is ≤ it.
   */
  next(tracker: ProgressTracker): Timestamp | null {
    const pending = this.pending;
    for (let i = 0; i < pending.length; i++) {
      const t = pending[i];
      let blocked = false;
      for (let j = 0; j < i && !blocked; j++) blocked = lessEqual(pending[j], t);
      if (!blocked && tracker.isFrontier(t, this.location)) {
        pending.splice(i, 1);
        return t;
      }
      if (t.length === 1) return null; // epochs are totally ordered: nothing later can be ready
    }
    return null;
  }

  /** Reinstates requests from a checkpoint (their counts come back with the tracker's snapshot). */
  restore(times: readonly Timestamp[]): void {
    this.pending.length = 0;
    this.pending.push(...times);
  }
}

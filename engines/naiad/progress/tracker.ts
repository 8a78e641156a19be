/**
 * Naiad's progress tracker [NAIAD §2.3], one per worker: the worker's view of every pointstamp's
 * OccurrenceCount (OC: outstanding events bearing it) and, for active pointstamps (OC > 0), the
 * PrecursorCount (PC: how many *other* active pointstamps could-result-in it). Active pointstamps with
 * PC = 0 form the frontier; a notification for (t, vertex) may be delivered once that pointstamp is in
 * the frontier — no unprocessed event anywhere can still result in it.
 *
 *   SendBy   → OC[(t, edge)] += n      OnRecv   → OC[(t, edge)] −= n
 *   NotifyAt → OC[(t, vertex)] += 1    OnNotify → OC[(t, vertex)] −= 1
 *
 * The view is updated only by ChangeBatches received from the progress exchange, so it may lag the
 * truth but is never ahead of it. Counts may go transiently negative (a consumer's −n can arrive before
 * the producer's +n); a pointstamp is active only while its count is positive.
 *
 * Costs: an update that activates or retires a pointstamp is O(A · S) for A active pointstamps (it
 * adjusts their precursor counts); any other update is O(1). isFrontier is O(1); frontier() and
 * frontierAt() are O(A).
 */
import { Antichain } from './antichain.js';
import type { Update } from './change-batch.js';
import { locationName } from './location.js';
import type { Reachability } from './reachability.js';
import { apply } from './summary.js';
import { lessEqual, type Timestamp, timestampKey } from './timestamp.js';

/** A (timestamp, location) pair with its counts in this view. */
export interface Pointstamp {
  readonly time: Timestamp;
  readonly location: number;
  occurrenceCount: number;
  precursorCount: number;
}

interface Entry extends Pointstamp {
  /** Position in `active`, or −1. */
  slot: number;
}

/** One worker's view of the pointstamp counts, and the frontier it implies. */
export class ProgressTracker {
  private readonly counts = new Map<string, Entry>();
  private readonly active: Entry[] = [];

  constructor(readonly reach: Reachability) {}

  /** Applies one atomic batch of changes (as broadcast by a worker). */
  apply(updates: readonly Update[]): void {
    for (let i = 0; i < updates.length; i++)
      this.update(updates[i].time, updates[i].location, updates[i].delta);
  }

  update(time: Timestamp, location: number, delta: number): void {
    const key = `${location}@${timestampKey(time)}`;
    let entry = this.counts.get(key);
    if (entry === undefined) {
      entry = { time, location, occurrenceCount: 0, precursorCount: 0, slot: -1 };
      this.counts.set(key, entry);
    }
    const before = entry.occurrenceCount;
    entry.occurrenceCount += delta;
    if (before <= 0 && entry.occurrenceCount > 0) this.activate(entry);
    else if (before > 0 && entry.occurrenceCount <= 0) this.retire(entry);
    if (entry.occurrenceCount === 0) this.counts.delete(key);
  }

  /** Whether (time, location) is active with no active precursor: the notification may be delivered. */
  isFrontier(time: Timestamp, location: number): boolean {
    const entry = this.counts.get(`${location}@${timestampKey(time)}`);
    return entry !== undefined && entry.slot >= 0 && entry.precursorCount === 0;
  }

  /** The active pointstamps no other active pointstamp could-result-in. */
  frontier(): Pointstamp[] {
    return this.active.filter((e) => e.precursorCount === 0);
  }

  /** Number of active pointstamps. */
  get activeCount(): number {
    return this.active.length;
  }

  /**
   * The timestamps that may still arrive at a location: the minimal antichain of ψ(t) over active
   * (t, l') and minimal summaries ψ of l' → location (what a timely probe or input frontier reports).
   */
  frontierAt(location: number): Antichain<Timestamp> {
    const out = new Antichain<Timestamp>(lessEqual);
    for (const e of this.active) {
      for (const s of this.reach.pathSummaries(e.location, location)) out.insert(apply(s, e.time));
    }
    return out;
  }

  /** Whether every occurrence count in this view is zero (nothing outstanding anywhere). */
  get isEmpty(): boolean {
    return this.counts.size === 0;
  }

  /** The nonzero counts, for a checkpoint (all workers' views agree once the dataflow is quiescent). */
  snapshot(): [Timestamp, number, number][] {
    return [...this.counts.values()].map((e) => [e.time, e.location, e.occurrenceCount]);
  }

  private activate(entry: Entry): void {
    const reach = this.reach;
    for (const other of this.active) {
      const before = reach.couldResultIn(other.time, other.location, entry.time, entry.location);
      const after = reach.couldResultIn(entry.time, entry.location, other.time, other.location);
      // Could-result-in is a partial order on pointstamps: two distinct ones never reach each other.
      if (before && after) {
        const [a, b] = [other, entry].map(
          (p) => `([${p.time}], ${locationName(reach.locations[p.location])})`,
        );
        throw new Error(`pointstamps ${a} and ${b} reach each other: a cycle without a feedback vertex`);
      }
      if (before) entry.precursorCount++;
      if (after) other.precursorCount++;
    }
    entry.slot = this.active.length;
    this.active.push(entry);
  }

  private retire(entry: Entry): void {
    const last = this.active.pop()!;
    if (last !== entry) {
      this.active[entry.slot] = last;
      last.slot = entry.slot;
    }
    entry.slot = -1;
    entry.precursorCount = 0;
    const reach = this.reach;
    for (const other of this.active) {
      if (reach.couldResultIn(entry.time, entry.location, other.time, other.location)) other.precursorCount--;
    }
  }
}

/**
 * A ChangeBatch (timely's name): accumulated changes to the occurrence counts of pointstamps,
 * (timestamp, location) → Δ. Changes to the same pointstamp add up, and pointstamps whose changes
 * cancel vanish, so a worker that sends and consumes records at one time in the same step announces
 * nothing for them.
 *
 *   batch.update([7], target, +128); batch.update([7], target, -128); batch.isEmpty  // true
 *
 * Costs: update is O(1) amortised (one string key, one Map operation); drain is O(changes).
 */
import { type Timestamp, timestampKey } from './timestamp.js';

/** One change: Δ occurrences of the pointstamp (time, location). */
export interface Update {
  readonly time: Timestamp;
  readonly location: number;
  readonly delta: number;
}

interface Entry {
  time: Timestamp;
  location: number;
  delta: number;
}

/** Net pointstamp count changes, accumulated until a worker sends them. */
export class ChangeBatch {
  private readonly entries = new Map<string, Entry>();

  update(time: Timestamp, location: number, delta: number): void {
    if (delta === 0) return;
    const key = `${location}@${timestampKey(time)}`;
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.entries.set(key, { time, location, delta });
      return;
    }
    entry.delta += delta;
    if (entry.delta === 0) this.entries.delete(key);
  }

  get isEmpty(): boolean {
    return this.entries.size === 0;
  }

  /** The net changes (none zero), for inspection without draining. */
  updates(): IterableIterator<Update> {
    return this.entries.values();
  }

  /** Takes every net change out, leaving the batch empty. */
  drain(): Update[] {
    const out = [...this.entries.values()];
    this.entries.clear();
    return out;
  }
}

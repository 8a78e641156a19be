/**
 * The progress exchange [NAIAD §3.3]: every worker broadcasts the changes its actions made to pointstamp
 * counts, and every worker (itself included) applies them to its own ProgressTracker. A worker's changes
 * travel as one atomic batch per send — never a decrement without the increments it enabled — along a
 * FIFO channel to each peer, so each view may lag the truth but is never ahead of it (timely's safety
 * property). Own changes go through the same channel: a worker never sees its unsent actions.
 *
 * ProgressMode (timely's `worker.rs`, default Demand):
 *   eager   send the accumulated batch at the end of every step that changed something
 *   demand  hold it until it could move a frontier: until it retires an occurrence of a pointstamp that
 *           is in this worker's frontier. Holding is safe because a held batch's increments are all
 *           reachable from its held decrements, which stay visible; it is live because every active
 *           pointstamp's holder eventually finds it in the frontier.
 *
 * Costs: send O(changes + peers); recv O(changes received); mustSend O(changes held).
 */
import type { NaiadStats } from '../stats.js';
import { ChangeBatch, type Update } from './change-batch.js';
import type { ProgressTracker } from './tracker.js';

/** When a worker sends its progress changes (timely's ProgressMode). */
export type ProgressMode = 'demand' | 'eager';

/** The in-process FIFO channels: inboxes[worker] holds the batches not yet applied by that worker. */
export class ProgressChannels {
  readonly inboxes: Update[][][];

  constructor(readonly peers: number) {
    this.inboxes = Array.from({ length: peers }, () => []);
  }
}

/** One worker's end of the progress exchange (timely's Progcaster). */
export class Progcaster {
  /** Changes made by this worker's actions since its last send. */
  readonly changes = new ChangeBatch();

  constructor(
    private readonly worker: number,
    private readonly channels: ProgressChannels,
    private readonly tracker: ProgressTracker,
    private readonly mode: ProgressMode,
    private readonly stats: NaiadStats,
  ) {}

  /** Sends the held changes to every worker if the mode asks for it (or `force`). */
  send(force = false): boolean {
    if (this.changes.isEmpty || !(force || this.mode === 'eager' || this.mustSend())) return false;
    const batch = this.changes.drain();
    for (const inbox of this.channels.inboxes) inbox.push(batch);
    this.stats.progressBatchesSent++;
    this.stats.progressUpdatesSent += batch.length;
    return true;
  }

  /** Applies every batch that has arrived, in FIFO order. */
  recv(): boolean {
    const inbox = this.channels.inboxes[this.worker];
    if (inbox.length === 0) return false;
    for (const batch of inbox) this.tracker.apply(batch);
    inbox.length = 0;
    return true;
  }

  /** Whether changes are held back (Demand mode) or unread (in this worker's inbox). */
  get pending(): boolean {
    return !this.changes.isEmpty || this.channels.inboxes[this.worker].length > 0;
  }

  /** Demand: a held decrement of a frontier pointstamp could let some notification through. */
  private mustSend(): boolean {
    for (const u of this.changes.updates()) {
      if (u.delta < 0 && this.tracker.isFrontier(u.time, u.location)) return true;
    }
    return false;
  }
}

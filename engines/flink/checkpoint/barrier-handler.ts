/**
 * What a subtask does with the checkpoint barriers arriving on its input channels [F-SSP] [ABS]:
 *
 *   EXACTLY_ONCE (aligned; Flink's SingleCheckpointBarrierHandler)
 *     barrier n on channel c ─▶ block c (its buffers stay queued, holding their credits)
 *     barrier n on every channel ─▶ snapshot, barrier n downstream, unblock all
 *   AT_LEAST_ONCE (Flink's CheckpointBarrierTracker)
 *     barrier n on channel c ─▶ note it, keep consuming c
 *     barrier n on every channel ─▶ snapshot, barrier n downstream
 *     (records after the barrier on an early channel are in the snapshot and are replayed on recovery)
 *
 * A channel that has ended counts as delivered: it will bring no barrier (Flink's checkpoints with
 * finished tasks, FLIP-147). One checkpoint is in flight at a time (max-concurrent-checkpoints = 1).
 * Alignment time, first barrier to last, is reported for aligned checkpoints of subtasks with more than
 * one channel (a single channel never waits).
 */
import type { Clock } from '../../contract.js';
import type { InputChannel } from '../runtime/channel.js';

/** Receives alignment times (the checkpoint coordinator's statistics). */
export interface AlignmentListener {
  reportAlignment(ms: number): void;
}

/** One subtask's barrier handling: aligned or tracked, as above. */
export class CheckpointBarrierHandler {
  /** The checkpoint being aligned, or 0. */
  private pendingId = 0;
  private readonly seen = new Set<InputChannel>();
  private firstBarrierAt = 0;

  constructor(
    private readonly channels: readonly InputChannel[],
    /** true: EXACTLY_ONCE, block channels until aligned; false: AT_LEAST_ONCE, only track. */
    private readonly aligned: boolean,
    /** Takes the snapshot and forwards the barrier (the subtask's performCheckpoint). */
    private readonly onAligned: (id: number) => void,
    private readonly clock: Clock,
    private readonly listener: AlignmentListener,
  ) {}

  processBarrier(channel: InputChannel, id: number): void {
    if (id !== this.pendingId) {
      if (this.pendingId !== 0) {
        throw new Error(`barrier ${id} arrived while checkpoint ${this.pendingId} is still aligning`);
      }
      this.pendingId = id;
      this.firstBarrierAt = this.clock.now();
    }
    if (this.seen.has(channel)) throw new Error(`barrier ${id} arrived twice on one channel`);
    this.seen.add(channel);
    if (this.aligned) channel.blocked = true;
    this.checkComplete();
  }

  /** A channel ended: the barrier it will not bring may have been the last one missing. */
  processEndOfPartition(): void {
    if (this.pendingId !== 0) this.checkComplete();
  }

  private checkComplete(): void {
    for (const c of this.channels) if (!c.finished && !this.seen.has(c)) return;
    const id = this.pendingId;
    this.pendingId = 0;
    this.seen.clear();
    if (this.aligned && this.channels.length > 1) {
      this.listener.reportAlignment(this.clock.now() - this.firstBarrierAt);
    }
    this.onAligned(id);
    for (const c of this.channels) c.blocked = false;
  }
}

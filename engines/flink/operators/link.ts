/**
 * The contract between chained operators inside one subtask (Flink's operator chain): synchronous
 * method calls, the record's value and stamps as plain arguments, no per-record allocation.
 */
import type { Millis } from '../../../workloads/plan/index.js';

export interface Link {
  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void;
  /** The input watermark advanced: finish the work it triggers, then forward it. */
  watermark(wm: Millis): void;
  /** End of input: flush, close, forward. */
  finish(): void;
}

/** Sends each call to several downstream links (an operator with more than one consumer). */
export class FanOut implements Link {
  constructor(private readonly targets: readonly Link[]) {}

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    for (let i = 0; i < this.targets.length; i++) this.targets[i].process(value, ts, createdAt, ingestedAt);
  }
  watermark(wm: Millis): void {
    for (const t of this.targets) t.watermark(wm);
  }
  finish(): void {
    for (const t of this.targets) t.finish();
  }
}

/** The end of a branch whose output nobody reads. */
export const DISCARD: Link = { process() {}, watermark() {}, finish() {} };

export function fanOut(targets: Link[]): Link {
  if (targets.length === 0) return DISCARD;
  return targets.length === 1 ? targets[0] : new FanOut(targets);
}

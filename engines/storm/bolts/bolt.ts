/**
 * What a bolt executor drives (Storm's IBolt.execute, plus the event-time hooks FlinkCoin's plan needs).
 * The executor anchors the collector to each input tuple before `execute` and acks (or fails) the tuple
 * after it, unless the bolt holds it (`collector.held`), as a windowed bolt does until the window
 * expires.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { KeyValueState } from '../key-value-state.js';

/** A bolt's logic, as its executor drives it. */
export interface Bolt {
  /** Executes one data tuple from input 0 or 1 (the right input of a two-input bolt). */
  execute(input: number, value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void;
  /**
   * The task's watermark advanced (+∞ at end of input): fire the windows and timers it passes, in time
   * order. Returns false when it stopped early because its output backed up (the executor's overflow
   * is not empty): the executor calls it again with the same watermark once the overflow drains.
   */
  onWatermark(wm: Millis): boolean;
  /** Keyed state that a stateful topology checkpoints; null for a bolt without state. */
  readonly state: KeyValueState | null;
}

/**
 * Spark's WatermarkTracker: the event-time watermark is computed from the max event time of each
 * watermarked input seen so far, minus its delay, and applied from the next batch on: it is fixed for
 * the whole of a batch and advances only between batches, never backwards. With several inputs the
 * global watermark is their min (spark.sql.streaming.multipleWatermarkPolicy = min) or max.
 *
 * Units: Spark's watermark is (max event time − delay) and a window is evicted when end ≤ watermark.
 * It is kept here as (max event time − delay − 1), Flink's convention, so that every FlinkCoin operator
 * uses one rule (fire at end − 1 ≤ watermark): the two conditions are the same. An input that has
 * ended counts as +∞ (the contract's final watermark: every window and timer fires at the end).
 */
import type { Millis } from '../../workloads/plan/index.js';
import type { StreamingSource } from './sources.js';

/** Owns the query's event-time watermark between batches (see the module comment). */
export class WatermarkTracker {
  /** The watermark the next batch runs with. */
  current: Millis = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly sources: readonly StreamingSource[],
    private readonly policy: 'min' | 'max',
  ) {}

  /** After a batch: folds in what the sources have seen. True if the watermark moved. */
  advance(): boolean {
    const perSource = this.sources.map((s) =>
      s.exhausted ? Number.POSITIVE_INFINITY : s.maxTs - s.node.watermarks.maxOutOfOrdernessMs - 1,
    );
    const global = this.policy === 'min' ? Math.min(...perSource) : Math.max(...perSource);
    if (!(global > this.current)) return false;
    this.current = global;
    return true;
  }
}

/**
 * The engine's own figures for the report, after Spark's StreamingQueryProgress: how many micro-batches
 * ran (with no data, or again after a restart), how big and how long they were, and how often a batch
 * overran its trigger interval (Spark logs "Current batch is falling behind").
 */
import type { QueryExecution } from './execution/query-execution.js';
import type { SinkSet } from './sinks.js';

/** Accumulates per-batch figures over a run and reports them with units in their names. */
export class BatchMetrics {
  batches = 0;
  noDataBatches = 0;
  rerunBatches = 0;
  triggerOverruns = 0;
  stages = 0;
  private eventsIngested = 0;
  private maxBatchRows = 0;
  private maxBatchDurationMs = 0;
  private totalBatchDurationMs = 0;

  /** A batch committed: `rows` source rows, `durationMs` from planning to commit. */
  batchDone(rows: number, durationMs: number): void {
    this.batches++;
    this.eventsIngested += rows;
    this.maxBatchRows = Math.max(this.maxBatchRows, rows);
    this.maxBatchDurationMs = Math.max(this.maxBatchDurationMs, durationMs);
    this.totalBatchDurationMs += durationMs;
  }

  report(shufflePartitions: number, query: QueryExecution, sinks: SinkSet): Record<string, number> {
    return {
      batches: this.batches,
      noDataBatches: this.noDataBatches,
      rerunBatches: this.rerunBatches,
      sinkBatchesSkipped: sinks.batchesSkipped,
      triggerOverruns: this.triggerOverruns,
      stages: this.stages,
      shufflePartitions,
      tasks: query.tasksRun,
      eventsIngested: this.eventsIngested,
      rowsShuffled: query.rowsShuffled,
      stateBytesWritten: query.stateBytesWritten,
      maxBatchRows: this.maxBatchRows,
      maxBatchDurationMs: this.maxBatchDurationMs,
      meanBatchDurationMs: this.batches > 0 ? this.totalBatchDurationMs / this.batches : 0,
    };
  }
}

/**
 * The micro-batch driver loop, Spark's MicroBatchExecution on its stream execution thread:
 *
 *   per trigger:  plan offsets (drain what is due, capped by maxOffsetsPerTrigger and maxRowsPerBatch)
 *                 ─▶ offset log offsets/N (write-ahead, before any processing)
 *                 ─▶ run batch N as a job (stages, tasks; state stores read version N, commit N + 1)
 *                 ─▶ sinks addBatch(N) ─▶ commit log commits/N ─▶ watermark for N + 1
 *
 * Triggers: T = 0 starts the next batch as soon as the last ends; T > 0 starts batches at epoch-aligned
 * multiples of T, and a batch that overruns its interval is followed at once (boundaries are not
 * queued). With no new data there is no batch, except a no-data batch when the watermark has advanced
 * (noDataMicroBatches) or the input has ended (the final watermark +∞ must reach every operator); the
 * driver then sleeps pollingDelayMs before looking again (with T = 0 it sleeps whole polling delays up
 * to when the sources said data comes due, which is when Spark's repeated polls would first find it).
 *
 * Restart (Spark's populateStartOffsets): with an existing checkpoint, a committed last batch means
 * seek the sources to its end offsets and go on; an uncommitted one is run again with exactly its
 * offsets and watermark, over state version N, and the sink log keeps its outputs from being written
 * twice (a transactional writer also ignores a batch it has committed, sinks.ts). The job's stateDir is
 * the checkpointLocation when no knob names one (engine.ts). Aborts are honoured between phases and
 * tasks, never while a batch is being handed to sinks.
 */
import { FlinkCoinError } from '../../harness/errors.js';
import type { Millis, NodeId, SinkNode, SourceNode } from '../../workloads/plan/index.js';
import type { JobSpec } from '../contract.js';
import type { CounterSet } from '../shared/counters.js';
import { BatchMetrics } from './batch-metrics.js';
import type { Checkpoint, OffsetSeq, ResumePoint } from './checkpoint/checkpoint.js';
import type { SparkConfig } from './config.js';
import { QueryExecution } from './execution/query-execution.js';
import { Yielder } from './execution/yielder.js';
import { planPhysical } from './physical-plan.js';
import { ChunkPool, type Rows } from './rows.js';
import { SinkSet } from './sinks.js';
import { bindSources, capsFor, replayBatch, type SplitRange, type StreamingSource } from './sources.js';
import { WatermarkTracker } from './watermark-tracker.js';

type TriggerOutcome = 'batch' | 'no-data' | 'finished';

/** One run of a streaming query: recovery from the checkpoint, then the trigger loop until the input ends. */
export class MicroBatchExecution {
  private readonly sources: StreamingSource[];
  private readonly tracker: WatermarkTracker;
  private readonly query: QueryExecution;
  private readonly sinks: SinkSet;
  private readonly y: Yielder;
  private readonly shufflePartitions: number;
  private readonly resume: ResumePoint;
  private readonly metrics = new BatchMetrics();
  private readonly pool = new ChunkPool();
  private batchId = 0;
  /** The last committed batch this run resumed after (null: it started from scratch). */
  private restoredFromId: number | null = null;
  /** The watermark the last batch that ran used. */
  private lastBatchWatermark = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly job: JobSpec,
    private readonly cfg: SparkConfig,
    private readonly checkpoint: Checkpoint,
    counters: CounterSet,
  ) {
    const resume = checkpoint.resumePoint();
    this.resume = resume;
    // spark.sql.shuffle.partitions cannot change over a checkpoint's life: a restart keeps its value.
    this.shufflePartitions =
      resume.kind === 'new'
        ? cfg.parallelism
        : (resume.kind === 'next' ? resume.last : resume.offsets[0]).shufflePartitions;
    const plan = planPhysical(job.plan, {
      parallelism: this.shufflePartitions,
      sourceSplits: (input) => job.sources[input]?.length ?? 1,
    });
    const nodesOf = <K extends string>(kind: K) =>
      plan.nodes.map((p) => p.node).filter((n) => n.kind === kind);
    this.sources = bindSources(nodesOf('source') as SourceNode[], job, this.pool);
    this.sinks = new SinkSet(nodesOf('sink') as SinkNode[], job);
    this.tracker = new WatermarkTracker(this.sources, cfg.multipleWatermarkPolicy);
    const storeOptions = {
      minDeltasForSnapshot: cfg.minDeltasForSnapshot,
      minBatchesToRetain: cfg.minBatchesToRetain,
      durable: checkpoint.durable,
    };
    this.query = new QueryExecution(plan, counters, checkpoint.stateDir, storeOptions, this.pool);
    this.y = new Yielder(job.clock, job.signal);
    this.metrics.stages = plan.stages.length;
  }

  async run(): Promise<Record<string, number>> {
    await this.recover();
    const interval = this.cfg.triggerIntervalMs;
    for (;;) {
      this.y.checkAbort();
      const triggerAt = this.job.clock.now();
      const outcome = await this.trigger(triggerAt);
      if (outcome === 'finished') break;
      if (outcome === 'no-data') await this.y.sleep(this.pollingDelay(interval));
      if (interval > 0) {
        const elapsed = this.job.clock.now() - triggerAt;
        if (outcome === 'batch' && elapsed > interval) this.metrics.triggerOverruns++;
        await this.y.sleepUntil(Math.floor(triggerAt / interval) * interval + interval);
      }
    }
    return {
      ...this.metrics.report(this.shufflePartitions, this.query, this.sinks),
      'checkpoints.corruptSkipped': this.checkpoint.corruptSkipped + this.query.stateCorruptSkipped,
      'transactions.committed': this.sinks.transactionsCommitted,
      restoredFromId: this.restoredFromId ?? -1,
    };
  }

  /** One trigger: plan a batch and run it, or find nothing to do. */
  private async trigger(now: Millis): Promise<TriggerOutcome> {
    const rows = new Map<NodeId, Rows[]>();
    const ranges: Record<string, SplitRange[]> = {};
    const cap = Math.min(this.cfg.maxOffsetsPerTrigger ?? Number.POSITIVE_INFINITY, this.cfg.maxRowsPerBatch);
    const caps = capsFor(this.sources, cap);
    let count = 0;
    for (let k = 0; k < this.sources.length; k++) {
      const source = this.sources[k];
      const starts = source.positions();
      const drained = await source.drain(now, caps[k], this.y);
      const ends = source.positions();
      rows.set(source.node.id, drained);
      ranges[source.node.input] = starts.map((start, i) => ({ start, end: ends[i] }));
      count += drained.reduce((n, r) => n + r.length, 0);
    }
    if (count === 0) {
      this.tracker.advance(); // no new event times: only sources that have just ended can move it
      const exhausted = this.sources.every((s) => s.exhausted);
      const advanced = this.tracker.current > this.lastBatchWatermark;
      if (!advanced || !(this.cfg.noDataMicroBatches || exhausted)) return exhausted ? 'finished' : 'no-data';
      this.metrics.noDataBatches++;
    }
    const offsets: OffsetSeq = {
      batchWatermarkMs: this.tracker.current,
      batchTimestampMs: now,
      shufflePartitions: this.shufflePartitions,
      sources: ranges,
    };
    this.checkpoint.offsets.add(this.batchId, offsets);
    this.y.checkAbort();
    await this.runBatch(offsets, rows, now, count);
    return 'batch';
  }

  /** Runs the planned batch `this.batchId`, hands its outputs to the sinks and commits it. */
  private async runBatch(offsets: OffsetSeq, rows: Map<NodeId, Rows[]>, startedAt: Millis, count: number) {
    const batch = { batchId: this.batchId, watermark: offsets.batchWatermarkMs };
    const outputs = await this.query.runBatch(batch, rows, this.y);
    this.y.checkAbort();
    await this.sinks.addBatch(this.batchId, outputs, this.checkpoint.sinks, this.y);
    this.pool.reclaim();
    this.y.checkAbort();
    this.tracker.advance();
    this.checkpoint.commits.add(this.batchId, { nextBatchWatermarkMs: this.tracker.current });
    this.checkpoint.purge(this.batchId, this.cfg.minBatchesToRetain);
    this.lastBatchWatermark = batch.watermark;
    this.batchId++;
    this.metrics.batchDone(count, this.job.clock.now() - startedAt);
  }

  /**
   * Resumes from the checkpoint: nothing to do, go on after the last batch, or run it again. Tells
   * the job's RecoveryListener which committed batch the state was restored from (null: none).
   */
  private async recover(): Promise<void> {
    const resume = this.resume;
    if (resume.kind === 'new') {
      this.job.recovery?.stateRestored?.(this.job.clock.now(), null);
      return;
    }
    const recorded = resume.kind === 'next' ? resume.last : resume.offsets[0];
    for (const source of this.sources) {
      const splits = recorded.sources[source.node.input];
      if (splits?.length !== source.splits) {
        throw new FlinkCoinError(
          `checkpoint ${this.checkpoint.location} was written for ${splits?.length ?? 0} split(s) of source "${source.node.input}", not ${source.splits}`,
        );
      }
    }
    this.batchId = resume.batchId;
    this.query.loadState(resume.batchId);
    this.restoredFromId = resume.batchId > 0 ? resume.batchId - 1 : null;
    this.job.recovery?.stateRestored?.(this.job.clock.now(), this.restoredFromId);
    if (resume.kind === 'next') {
      for (const s of this.sources) s.seek(resume.last.sources[s.node.input].map((r) => r.end));
      this.tracker.current = resume.watermark;
      this.lastBatchWatermark = resume.last.batchWatermarkMs;
      return;
    }
    for (const offsets of resume.offsets) {
      const startedAt = this.job.clock.now();
      const { rows, count } = await replayBatch(this.sources, offsets.sources, this.job.clock, this.y);
      this.tracker.current = offsets.batchWatermarkMs;
      this.metrics.rerunBatches++;
      await this.runBatch(offsets, rows, startedAt, count);
    }
  }

  /** How long to wait when a trigger found no data (see the module comment). */
  private pollingDelay(interval: number): number {
    const delay = this.cfg.pollingDelayMs;
    const until = Math.min(...this.sources.map((s) => s.idleUntil));
    if (interval > 0 || !Number.isFinite(until)) return delay;
    const wait = until - this.job.clock.now();
    return delay > 0 ? Math.max(1, Math.ceil(wait / delay)) * delay : wait;
  }
}

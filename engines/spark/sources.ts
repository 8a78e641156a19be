/**
 * The query's sources, as the micro-batch driver sees them: each source node's readers (one per split,
 * one source partition each), where they are, and the event-time statistics the watermark is computed
 * from (Spark's EventTimeWatermarkExec keeps the max event time over all partitions).
 *
 * Planning a batch's offset range: a SourceReader only hands out records that are due (open-loop
 * pacing), so the "latest available offset" is found by draining what is due at batch start, capped
 * by maxOffsetsPerTrigger and maxRowsPerBatch (see config.ts); records that come due while the batch
 * runs wait for the next one. Their ingestedAt is the drain time, so processing-time latency includes
 * the wait for the batch to finish.
 * Replaying a planned range reads exactly [start, end) again (restart of an uncommitted batch); a source
 * that ends before `end` has lost data and fails the query, as Spark's failOnDataLoss = true.
 */
import { FlinkCoinError, PlanValidationError } from '../../harness/errors.js';
import type { Millis, NodeId, SourceNode } from '../../workloads/plan/index.js';
import type { Clock, Emit, JobSpec, SourcePosition, SourceReader } from '../contract.js';
import type { Yielder } from './execution/yielder.js';
import { type ChunkPool, Rows } from './rows.js';

/** The offset range of one split in one batch. */
export interface SplitRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** Records a poll may emit at once while draining (bounds one synchronous call). */
const POLL_MAX = 4096;

/** One source node of the query with its splits: drains planned batches and replays them after a restart. */
export class StreamingSource {
  /** Max event time seen since this run started (or restarted). */
  maxTs = Number.NEGATIVE_INFINITY;
  private readonly ended: boolean[];
  /** Earliest wall time a split said more records come due (for the driver's sleep). */
  idleUntil = Number.POSITIVE_INFINITY;

  constructor(
    readonly node: SourceNode,
    private readonly readers: readonly SourceReader[],
    private readonly pool: ChunkPool,
  ) {
    if (readers.length === 0)
      throw new PlanValidationError(`no reader bound for source input "${node.input}"`);
    this.ended = readers.map(() => false);
  }

  get splits(): number {
    return this.readers.length;
  }

  /** Every split has reported the end of its input. */
  get exhausted(): boolean {
    return this.ended.every((e) => e);
  }

  positions(): SourcePosition[] {
    return this.readers.map((r) => r.position());
  }

  seek(positions: readonly SourcePosition[]): void {
    for (let i = 0; i < this.readers.length; i++) this.readers[i].seek(positions[i]);
  }

  /**
   * Drains what is due at `now` (the batch's start: records that come due meanwhile wait for the next
   * batch), at most `caps[i]` records from split i; rows per split.
   */
  async drain(now: Millis, caps: readonly number[], y: Yielder): Promise<Rows[]> {
    this.idleUntil = Number.POSITIVE_INFINITY;
    const all: Rows[] = [];
    for (let i = 0; i < this.readers.length; i++) {
      const rows = new Rows(this.pool);
      const emit = this.emitInto(rows, now);
      let left = caps[i];
      while (left > 0 && !this.ended[i]) {
        const result = this.readers[i].poll(now, Math.min(left, POLL_MAX), emit);
        if (result.kind === 'end') this.ended[i] = true;
        else if (result.kind === 'idle') {
          this.idleUntil = Math.min(this.idleUntil, result.until);
          break;
        } else left -= result.n;
        if (y.due()) await y.yield(false); // planning completes; the abort check follows the offset log write
      }
      all.push(rows);
    }
    return all;
  }

  /** Re-reads exactly the planned ranges, waiting for records not yet due; rows per split. */
  async replay(ranges: readonly SplitRange[], now: () => Millis, sleep: (ms: number) => Promise<void>) {
    const all: Rows[] = [];
    for (let i = 0; i < this.readers.length; i++) {
      const reader = this.readers[i];
      const { start, end } = ranges[i];
      const rows = new Rows(this.pool);
      reader.seek(start);
      const target = JSON.stringify(end);
      for (let pos = reader.position(); JSON.stringify(pos) !== target; pos = reader.position()) {
        const max = typeof pos === 'number' && typeof end === 'number' ? end - pos : 1;
        const at = now();
        const result = reader.poll(at, Math.min(max, POLL_MAX), this.emitInto(rows, at));
        if (result.kind === 'end') {
          throw new FlinkCoinError(
            `source "${this.node.input}" split ${i} ended at ${JSON.stringify(pos)} before the planned offset ${target}: data was lost (failOnDataLoss)`,
          );
        }
        if (result.kind === 'idle') await sleep(result.until - at);
      }
      all.push(rows);
    }
    return all;
  }

  private emitInto(rows: Rows, now: Millis): Emit<unknown> {
    return (value, ts, createdAt) => {
      rows.push(value, ts, createdAt, now);
      if (ts > this.maxTs) this.maxTs = ts;
    };
  }
}

/** The plan's source nodes bound to the job's readers. */
export function bindSources(nodes: readonly SourceNode[], job: JobSpec, pool: ChunkPool): StreamingSource[] {
  return nodes.map((node) => new StreamingSource(node, job.sources[node.input] ?? [], pool));
}

/**
 * Splits a batch's record cap (maxOffsetsPerTrigger, or maxRowsPerBatch when that is lower) over all
 * splits of all sources in equal shares. Spark divides it in proportion to each partition's backlog,
 * which a paced reader does not reveal without being read.
 */
export function capsFor(sources: readonly StreamingSource[], cap: number): number[][] {
  const splits = sources.reduce((n, s) => n + s.splits, 0);
  let index = 0;
  return sources.map((s) =>
    Array.from({ length: s.splits }, () => Math.floor(cap / splits) + (index++ < cap % splits ? 1 : 0)),
  );
}

/** Re-reads a logged batch's ranges from every source (a rerun after a restart): rows per source node. */
export async function replayBatch(
  sources: readonly StreamingSource[],
  ranges: Readonly<Record<string, readonly SplitRange[]>>,
  clock: Clock,
  y: Yielder,
): Promise<{ rows: Map<NodeId, Rows[]>; count: number }> {
  const rows = new Map<NodeId, Rows[]>();
  let count = 0;
  for (const s of sources) {
    const replayed = await s.replay(
      ranges[s.node.input],
      () => clock.now(),
      (ms) => y.sleep(ms),
    );
    rows.set(s.node.id, replayed);
    count += replayed.reduce((n, r) => n + r.length, 0);
  }
  return { rows, count };
}

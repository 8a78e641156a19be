/**
 * A query's checkpointLocation, Spark's layout:
 *
 *   offsets/<N>   offset log (write-ahead): batch N's offset range per source split, its watermark and
 *                 timestamp, written before the batch runs
 *   commits/<N>   commit log: batch N completed, with the watermark for batch N + 1
 *   sinks/<N>     sink log: batch N's outputs were handed to the sinks (what makes the sinks idempotent
 *                 by batch id, as FileStreamSink's _spark_metadata log; kept here because the harness's
 *                 sinks have no directory of their own)
 *   state/<operator>/<partition>/<version>.delta|.snapshot   state stores (see state/state-store.ts)
 *
 * `resumePoint` is Spark's populateStartOffsets: where a (re)started query goes on.
 * Departure: an offset entry records each split's range start as well as its end (Spark derives the
 * start from entry N − 1 and, for batch 0, from sources/<i>/0), so one entry is enough to rerun a batch.
 */
import { join } from 'node:path';
import { FlinkCoinError } from '../../../harness/errors.js';
import type { Millis } from '../../../workloads/plan/index.js';
import type { SplitRange } from '../sources.js';
import { MetadataLog, millisFromJson, millisToJson } from './metadata-log.js';

/** An offset log entry (Spark's OffsetSeq and OffsetSeqMetadata). */
export interface OffsetSeq {
  readonly batchWatermarkMs: Millis;
  readonly batchTimestampMs: Millis;
  /** spark.sql.shuffle.partitions, fixed for the life of a checkpoint. */
  readonly shufflePartitions: number;
  /** Per source input, the range of each split. */
  readonly sources: Readonly<Record<string, readonly SplitRange[]>>;
}

/** A commit log entry (Spark's CommitMetadata). */
export interface CommitMetadata {
  readonly nextBatchWatermarkMs: Millis;
}

/** A sink log entry: rows handed to each sink output. */
export type SinkCommit = Readonly<Record<string, number>>;

/** What the checkpoint says a starting query must do first. */
export type ResumePoint =
  | { readonly kind: 'new' }
  /** Batch `batchId − 1` committed: plan batch `batchId` from where it ended. */
  | { readonly kind: 'next'; readonly batchId: number; readonly last: OffsetSeq; readonly watermark: Millis }
  /**
   * Batch `batchId` was planned but not committed: run it again with exactly its offsets. `offsets`
   * holds its entry and those of any later planned batch (only when a torn commit entry was skipped).
   */
  | { readonly kind: 'rerun'; readonly batchId: number; readonly offsets: readonly OffsetSeq[] };

/** The checkpointLocation's logs and state directory, and how a restarted query reads them. */
export class Checkpoint {
  readonly offsets: MetadataLog<OffsetSeq>;
  readonly commits: MetadataLog<CommitMetadata>;
  readonly sinks: MetadataLog<SinkCommit>;
  readonly stateDir: string;

  /**
   * `durable`: the location outlives the run (a checkpointLocation or the job's stateDir), so its
   * files are fsynced before they are renamed into place; a throwaway one is not (see metadata-log.ts).
   */
  constructor(
    readonly location: string,
    readonly durable = false,
  ) {
    this.offsets = new MetadataLog(
      join(location, 'offsets'),
      {
        lines: (e) => [
          JSON.stringify({
            batchWatermarkMs: millisToJson(e.batchWatermarkMs),
            batchTimestampMs: e.batchTimestampMs,
            conf: { 'spark.sql.shuffle.partitions': String(e.shufflePartitions) },
          }),
          ...Object.entries(e.sources).map(([input, splits]) => JSON.stringify({ input, splits })),
        ],
        parse: ([meta, ...sources]) => {
          const m = JSON.parse(meta);
          return {
            batchWatermarkMs: millisFromJson(m.batchWatermarkMs),
            batchTimestampMs: m.batchTimestampMs,
            shufflePartitions: Number(m.conf['spark.sql.shuffle.partitions']),
            sources: Object.fromEntries(
              sources.map((line) => JSON.parse(line)).map((s) => [s.input, s.splits as SplitRange[]]),
            ),
          };
        },
      },
      durable,
    );
    this.commits = new MetadataLog(
      join(location, 'commits'),
      {
        lines: (e) => [JSON.stringify({ nextBatchWatermarkMs: millisToJson(e.nextBatchWatermarkMs) })],
        parse: ([line]) => ({ nextBatchWatermarkMs: millisFromJson(JSON.parse(line).nextBatchWatermarkMs) }),
      },
      durable,
    );
    this.sinks = new MetadataLog(
      join(location, 'sinks'),
      {
        lines: (e) => [JSON.stringify(e)],
        parse: ([line]) => JSON.parse(line),
      },
      durable,
    );
    this.stateDir = join(location, 'state');
  }

  resumePoint(): ResumePoint {
    const latest = this.offsets.latestId();
    if (latest < 0) return { kind: 'new' };
    const committed = this.commits.latestId();
    if (committed > latest) {
      throw new FlinkCoinError(
        `${this.location}: batch ${committed} is committed but offsets/${committed} is missing or corrupt`,
      );
    }
    if (committed === latest) {
      const watermark = this.commits.get(latest).nextBatchWatermarkMs;
      return { kind: 'next', batchId: latest + 1, last: this.offsets.get(latest), watermark };
    }
    // Normally only the last planned batch is uncommitted; a torn commit entry leaves two.
    const offsets: OffsetSeq[] = [];
    for (let id = committed + 1; id <= latest; id++) {
      if (!this.offsets.has(id)) {
        throw new FlinkCoinError(`${this.location}: batch ${id} is neither committed nor in the offset log`);
      }
      offsets.push(this.offsets.get(id));
    }
    return { kind: 'rerun', batchId: committed + 1, offsets };
  }

  /** Log entries skipped because they failed their checksum (torn or corrupt). */
  get corruptSkipped(): number {
    return this.offsets.corruptSkipped + this.commits.corruptSkipped + this.sinks.corruptSkipped;
  }

  /** Drops log entries older than the last `retain` batches (Spark's minBatchesToRetain). */
  purge(batchId: number, retain: number): void {
    const threshold = batchId - retain + 1;
    if (threshold <= 0) return;
    this.offsets.purge(threshold);
    this.commits.purge(threshold);
    this.sinks.purge(threshold);
  }
}

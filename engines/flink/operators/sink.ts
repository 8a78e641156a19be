/**
 * The sink operator: hands each record to the harness's SinkWriter with its deterministic id. A writer
 * that returns a promise stalls the subtask until it settles (see Task.stall), which is how a slow
 * sink backpressures the job.
 *
 * It counts what it has written; the count is its checkpointed state. This is the plain path (no
 * checkpoints, AT_LEAST_ONCE, or a writer without commitTransaction; the exactly-once path is
 * two-phase-commit-sink.ts): on recovery the outputs written after the restored checkpoint are written again:
 * the engine reports how many (written − checkpointed count) as duplicates. In AT_LEAST_ONCE mode that
 * is a lower bound: records that overtook a barrier at a multi-input subtask are in its snapshot and
 * are replayed as well.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { SinkWriter } from '../../contract.js';
import type { StatefulOperator } from '../checkpoint/snapshot.js';
import type { Link } from './link.js';

export interface Stall {
  stall(until: Promise<void>): void;
}

export class SinkLink implements Link, StatefulOperator {
  /** Records handed to the writer by this subtask, counting from the restored checkpoint's count. */
  written = 0;

  constructor(
    private readonly writer: SinkWriter,
    private readonly idOf: (value: unknown) => string,
    private readonly stall: Stall,
  ) {}

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.written++;
    const pending = this.writer.write(this.idOf(value), value, ts, createdAt, ingestedAt);
    if (pending !== undefined) this.stall.stall(pending);
  }

  watermark(): void {}

  /** Writers are shared by the sink's subtasks: the engine closes each once, after the last subtask. */
  finish(): void {}

  snapshotState(): { written: number } {
    return { written: this.written };
  }

  initializeState(state: unknown): void {
    this.written = (state as { written: number }).written;
  }
}

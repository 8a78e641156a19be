/**
 * The sink operator: hands each record to the harness's SinkWriter with its deterministic id. A writer
 * that returns a promise stalls the subtask until it settles (see Subtask.stall), which is how a slow
 * sink backpressures the job.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { SinkWriter } from '../../contract.js';
import type { Link } from './link.js';

export interface Stall {
  stall(until: Promise<void>): void;
}

export class SinkLink implements Link {
  constructor(
    private readonly writer: SinkWriter,
    private readonly idOf: (value: unknown) => string,
    private readonly stall: Stall,
  ) {}

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const pending = this.writer.write(this.idOf(value), value, ts, createdAt, ingestedAt);
    if (pending !== undefined) this.stall.stall(pending);
  }

  watermark(): void {}

  /** Writers are shared by the sink's subtasks: the engine closes each once, after the last subtask. */
  finish(): void {}
}

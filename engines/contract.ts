/**
 * The engine interface: how the harness hands a logical plan, its bound inputs and outputs, and a clock
 * to an engine, and what the engine reports back. Types only; see docs/contracts.md for the prose.
 *
 *   harness ──(Plan, SourceReaders, SinkWriters, Clock, knobs)──▶ Engine.run ──▶ EngineReport
 *
 * Every record an engine moves carries four things, passed as separate arguments on the hot path so
 * that no envelope object is allocated per record:
 *   value      the payload
 *   ts         event time (ms), from the data
 *   createdAt  the driver's intended emission time (wall ms): when an open-loop client would have sent it
 *   ingestedAt when the engine's source read it (wall ms)
 * Event-time latency is measured from `createdAt`, processing-time latency from `ingestedAt`.
 * A result computed from many inputs (a window) carries the stamps of its latest input.
 */
import type { Millis, Plan } from '../workloads/plan/index.js';

/** One clock for processing time, so tests can swap in a virtual one. */
export interface Clock {
  /** Wall time in ms since the epoch, with sub-millisecond precision where available. */
  now(): Millis;
}

export type Emit<T> = (value: T, ts: Millis, createdAt: Millis) => void;

/** Where a source is: an opaque, JSON-serialisable offset (generator: index; file: line; Kafka: offsets). */
export type SourcePosition = number | string | Record<string, number>;

/** What `poll` found. */
export type PollResult =
  /** `n` records were emitted. */
  | { readonly kind: 'records'; readonly n: number }
  /** Nothing is due before the given wall time (open-loop pacing). */
  | { readonly kind: 'idle'; readonly until: Millis }
  /** The input is exhausted. */
  | { readonly kind: 'end' };

/** A replayable, paced input split. Engines call it from their source tasks. */
export interface SourceReader<T = unknown> {
  /** Emits at most `max` records that are due at `now`. Synchronous: never blocks. */
  poll(now: Millis, max: number, emit: Emit<T>): PollResult;
  /** The offset of the next record `poll` will emit (for checkpoints). */
  position(): SourcePosition;
  /** Rewinds or skips to a position from `position()`. */
  seek(position: SourcePosition): void;
}

/** One output record as a transaction carries it. */
export interface OutputRecord<T = unknown> {
  readonly id: string;
  readonly value: T;
  readonly ts: Millis;
  readonly createdAt: Millis;
  readonly ingestedAt: Millis;
}

/**
 * A transaction of an exactly-once engine: `task` names the writer (a sink subtask, "batch", "epoch"),
 * `id` is the checkpoint, batch or epoch whose outputs it carries. The pair is unique and stable across
 * restarts: a transaction committed again after a recovery must be the same one.
 */
export interface TransactionId {
  readonly task: string;
  readonly id: number;
}

/**
 * An output. `write` may return a promise (a slow or remote sink): the engine then stops feeding this
 * sink until it settles, which is how backpressure reaches the sources.
 *
 * Two delivery paths:
 *   write              records visible at once: at-least-once (Storm), or any engine without checkpoints
 *   commitTransaction  exactly-once engines with checkpoints on, when the writer offers it: the records
 *                      of one checkpoint / batch / epoch, handed over when it commits (Flink's
 *                      TwoPhaseCommitSinkFunction.commit, Spark's Sink.addBatch, Naiad's release at a
 *                      checkpoint). It is atomic (all the records become visible or none) and idempotent
 *                      by TransactionId (a transaction already committed is ignored), so an engine that
 *                      restores a checkpoint holding a pre-committed transaction simply commits it again.
 */
export interface SinkWriter<T = unknown> {
  write(id: string, value: T, ts: Millis, createdAt: Millis, ingestedAt: Millis): void | Promise<void>;
  commitTransaction?(txn: TransactionId, records: readonly OutputRecord<T>[]): void | Promise<void>;
  /** Called once after the last record. */
  close?(): void | Promise<void>;
}

/** What an engine tells the harness while it recovers (for recovery metrics); all optional. */
export interface RecoveryListener {
  /** The engine injected a fault itself (a fault knob such as flink-real's `killAtEvent`), at `at`. */
  faultInjected?(at: Millis, kind: string): void;
  /** Outputs are back within the latency seen before the fault (when the engine measures it). */
  caughtUp?(at: Millis): void;
  /** A failure was detected inside the engine (a task threw), at wall time `at`. */
  failureDetected?(at: Millis, cause: Error): void;
  /** State was restored from checkpoint / batch / epoch `id` (null: none, started from scratch). */
  stateRestored?(at: Millis, id: number | null): void;
}

/** Everything an engine needs for one run. */
export interface JobSpec {
  readonly plan: Plan;
  /** One reader per source node input name (splits of one input arrive as an array). */
  readonly sources: Readonly<Record<string, readonly SourceReader[]>>;
  /** One writer per sink node output name. */
  readonly sinks: Readonly<Record<string, SinkWriter>>;
  readonly clock: Clock;
  /** Engine knobs, already validated against the engine's own schema. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Aborts the run (user interrupt, harness time limit). */
  readonly signal?: AbortSignal;
  /**
   * A directory for the engine's durable state (checkpoints, logs), via engines/shared/durable-store.
   * When it already holds state from an earlier process of the same job (a worker killed and
   * restarted), the engine resumes from it: restores its newest complete checkpoint and seeks its
   * sources to the positions stored there. Absent: the engine's own knobs decide (memory by default).
   */
  readonly stateDir?: string;
  readonly recovery?: RecoveryListener;
}

/** What an engine reports after a run: counters summed over subtasks, and its own metrics. */
export interface EngineReport {
  /** Counters bumped by user functions (`ctx.counters`) and by the engine (e.g. `window.lateDropped`). */
  readonly counters: Readonly<Record<string, number>>;
  /** Engine-specific figures with units in their names (e.g. `buffersSent`, `maxInFlightRecords`). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** An execution model. */
export interface Engine {
  readonly name: string;
  /** One line for reports: which execution model, and that it is an emulation. */
  readonly description: string;
  run(job: JobSpec): Promise<EngineReport>;
}

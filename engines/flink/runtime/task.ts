/**
 * What every subtask has, source or not (Flink's StreamTask with its SubtaskCheckpointCoordinator): the
 * record writers at the ends of its chain, the chain's stateful operators, its own counters, and its
 * part in checkpoints:
 *
 *   barrier n aligned ─▶ barrier n to every output, behind what was written ─▶ snapshot the chain
 *                      (chained operators snapshot together, encoded at once) ─▶ acknowledge n
 *
 * Counters are per subtask and part of its snapshot, so that after a restore they count what the
 * restored state has seen (Flink's metrics restart from zero on a restarted task, which would make the
 * report's counters depend on when failures happened).
 */

import { toError } from '../../../harness/errors.js';
import type { Millis } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { encodeSnapshot } from '../../shared/snapshot-codec.js';
import type { CheckpointResponder } from '../checkpoint/coordinator.js';
import type { StatefulOperator, TaskSnapshot } from '../checkpoint/snapshot.js';
import type { Stall } from '../operators/sink.js';
import type { RecordWriter } from './record-writer.js';

/** The base of SourceTask and Subtask: what the scheduler steps and a checkpoint snapshots. */
export abstract class Task implements Stall {
  readonly writers: RecordWriter[] = [];
  /** The chain's stateful operators by node name. */
  readonly operators = new Map<string, StatefulOperator>();
  stalledOn: Promise<void> | null = null;
  /** A sink write that failed asynchronously: the scheduler fails the job with it. */
  failure: Error | null = null;
  finished = false;
  /** Turns this task skipped because an output had no room (backpressure). */
  backpressuredTurns = 0;

  constructor(
    readonly name: string,
    private readonly maxBuffersPerChannel: number,
    readonly counters: CounterSet,
    /** The checkpoint coordinator; null when checkpointing is disabled. */
    protected readonly checkpoints: CheckpointResponder | null,
  ) {}

  abstract step(now: Millis): boolean;
  /** Input-side progress for the snapshot (source position, or input watermarks). */
  protected abstract snapshotInput(): TaskSnapshot['input'];
  protected abstract restoreInput(input: TaskSnapshot['input']): void;

  stall(until: Promise<void>): void {
    const settle = (failure: Error | null) => {
      if (this.stalledOn === gate) this.stalledOn = null;
      if (failure !== null) this.failure = failure;
    };
    const gate: Promise<void> = until.then(
      () => settle(null),
      (e: unknown) => settle(toError(e)),
    );
    this.stalledOn = gate;
  }

  /** An output subpartition is full: taking more input would only grow memory. */
  protected backpressured(): boolean {
    for (const w of this.writers) {
      for (const sp of w.subpartitions) {
        if (sp.backlog.length > 0) sp.transfer();
        if (sp.held >= this.maxBuffersPerChannel) {
          this.backpressuredTurns++;
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Records the outputs can take before a subpartition reaches its buffer limit (Flink's task would
   * block requesting a buffer there). Sources read no more than this, so they never overshoot.
   */
  protected outputRoom(capacityPerBuffer: number): number {
    let room = Number.POSITIVE_INFINITY;
    for (const w of this.writers) {
      for (const sp of w.subpartitions) {
        room = Math.min(room, (this.maxBuffersPerChannel - sp.held) * capacityPerBuffer);
      }
    }
    return room;
  }

  flushOutputs(): void {
    for (const w of this.writers) w.flush();
  }

  /** Checkpoint `id` is aligned at this task: forward the barrier, snapshot, acknowledge. */
  protected performCheckpoint(id: number): void {
    for (const w of this.writers) w.broadcastBarrier(id);
    this.checkpoints!.acknowledgeCheckpoint(this.name, id, this.snapshotState(id));
  }

  /** All input is processed and end-of-partition sent: the final state stands for this task. */
  protected finishTask(): void {
    this.finished = true;
    this.checkpoints?.reportTaskFinished(this.name, this.snapshotState(null));
  }

  private snapshotState(checkpointId: number | null): string {
    const operators: Record<string, unknown> = {};
    for (const [name, op] of this.operators) operators[name] = op.snapshotState(checkpointId);
    const snapshot: TaskSnapshot = {
      input: this.snapshotInput(),
      operators,
      counters: [...this.counters.values],
    };
    return encodeSnapshot(snapshot);
  }

  /** Takes this subtask's state from a checkpoint, before it runs. */
  restoreState(snapshot: TaskSnapshot): void {
    this.restoreInput(snapshot.input);
    for (const [name, op] of this.operators) {
      if (!(name in snapshot.operators)) {
        throw new Error(`the checkpoint holds no state for operator "${name}" of ${this.name}`);
      }
      op.initializeState(snapshot.operators[name]);
    }
    for (const [name, value] of snapshot.counters) this.counters.values.set(name, value);
  }
}

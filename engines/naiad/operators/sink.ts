/**
 * Sinks. `SinkGate` is the harness's SinkWriter as the engine sees it: one per output, shared by the
 * sink's instances on every worker and kept across rollbacks. A write (or commit) that returns a promise
 * stalls the gate until it settles: no instance writes again before, and the inputs stop reading (the
 * timely idiom of feeding input only while the output keeps up), which is how backpressure reaches the
 * sources.
 *
 * Output commit. Without checkpoints a sink vertex writes each record as it arrives (timely: data flows
 * eagerly). With Naiad's global checkpoints, outputs are part of what a rollback undoes: a vertex holds
 * its outputs until the next checkpoint completes, and then they are released (Flink's two-phase commit
 * sink does the same), so a rollback never writes a record twice — exactly once, at the price of output
 * latency up to one checkpoint interval. Released how depends on the writer:
 *   plain writer          the gate writes them one by one (`write`)
 *   with commitTransaction one transaction per output and checkpoint, {task: "epoch-checkpoint", id:
 *                         checkpoint id}; the held records are part of the checkpoint, so a process that
 *                         restores it commits that transaction again (the writer ignores a repeat), and
 *                         a crash between storing a checkpoint and committing loses nothing
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { OutputRecord, SinkWriter, TransactionId } from '../../contract.js';
import type { Message } from '../dataflow/message.js';
import type { Operator } from '../dataflow/operator.js';

/** The `task` of the transactions a checkpoint commits. */
export const CHECKPOINT_TASK = 'epoch-checkpoint';

/** Transactions handed to writers, over all outputs of a run (engine metrics). */
export class TransactionStats {
  committed = 0;
  /** Of those, commits of a restored checkpoint's transaction (the writer may already have it). */
  recommitted = 0;
}

/** One output's writer, shared by its sink vertices on every worker and across rollbacks. */
export class SinkGate {
  stalledOn: Promise<void> | null = null;
  /** A write's promise rejected: the run must fail with it. */
  error: unknown = null;
  private committed: OutputRecord[] = [];
  private head = 0;
  private readonly transactions: [TransactionId, OutputRecord[]][] = [];

  constructor(
    private readonly writer: SinkWriter,
    readonly idOf: (value: unknown) => string,
    /** Checkpoints commit through writer.commitTransaction (null: they release records to `write`). */
    private readonly transactionStats: TransactionStats | null,
  ) {}

  /** Whether checkpoints commit transactions (their held records then go into the checkpoint). */
  get transactional(): boolean {
    return this.transactionStats !== null;
  }

  write(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.await(this.writer.write(this.idOf(value), value, ts, createdAt, ingestedAt));
  }

  /** Committed outputs (or transactions) not handed to the writer yet. */
  get backlog(): number {
    return this.committed.length - this.head + this.transactions.length;
  }

  /** Checkpoint `id` completed (or was restored): the outputs held before it become final. */
  commit(id: number, outputs: OutputRecord[], restored: boolean): void {
    if (this.transactionStats === null) {
      for (const o of outputs) this.committed.push(o);
      return;
    }
    this.transactions.push([{ task: CHECKPOINT_TASK, id }, outputs]);
    if (restored) this.transactionStats.recommitted++;
  }

  /** Hands committed outputs to the writer until it stalls. True if it handed any. */
  pump(): boolean {
    let wrote = false;
    while (this.transactions.length > 0 && this.stalledOn === null) {
      const [txn, records] = this.transactions.shift()!;
      this.transactionStats!.committed++;
      this.await(this.writer.commitTransaction!(txn, records));
      wrote = true;
    }
    while (this.head < this.committed.length && this.stalledOn === null) {
      const o = this.committed[this.head++];
      this.await(this.writer.write(o.id, o.value, o.ts, o.createdAt, o.ingestedAt));
      wrote = true;
    }
    if (this.head > 0 && this.head === this.committed.length) {
      this.committed = [];
      this.head = 0;
    }
    return wrote;
  }

  private await(pending: void | Promise<void>): void {
    if (pending === undefined) return;
    const gate: Promise<void> = pending.then(
      () => {
        if (this.stalledOn === gate) this.stalledOn = null;
      },
      (e: unknown) => {
        this.error = e;
        if (this.stalledOn === gate) this.stalledOn = null;
      },
    );
    this.stalledOn = gate;
  }
}

/** A sink vertex: writes through the gate, or holds outputs until a checkpoint commits them. */
export class SinkVertex implements Operator {
  private held: OutputRecord[] = [];

  constructor(
    readonly gate: SinkGate,
    /** Hold outputs until a checkpoint commits them (fault tolerance on). */
    private readonly commitOnCheckpoint: boolean,
  ) {}

  onRecv(_input: number, m: Message): boolean {
    const { values, ts, createdAt, ingestedAt } = m;
    const gate = this.gate;
    if (this.commitOnCheckpoint) {
      for (let i = 0; i < m.length; i++) {
        const value = values[i];
        this.held.push({
          id: gate.idOf(value),
          value,
          ts: ts[i],
          createdAt: createdAt[i],
          ingestedAt: ingestedAt[i],
        });
      }
      return true;
    }
    for (let i = m.cursor; i < m.length; i++) {
      if (gate.stalledOn !== null) {
        m.cursor = i;
        return false;
      }
      gate.write(values[i], ts[i], createdAt[i], ingestedAt[i]);
    }
    return true;
  }

  /** A checkpoint completed (or was restored): hands over what this vertex held before it. */
  takeHeld(): OutputRecord[] {
    const held = this.held;
    this.held = [];
    return held;
  }

  onNotify(): void {}

  /** A transactional gate: the held records are the checkpoint's pre-committed transaction. */
  snapshot(): readonly OutputRecord[] | null {
    return this.gate.transactional ? this.held : null;
  }

  restore(state: unknown): void {
    this.held = state === null ? [] : [...(state as OutputRecord[])];
  }
}

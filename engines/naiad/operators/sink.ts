/**
 * Sinks. `SinkGate` is the harness's SinkWriter as the engine sees it: one per output, shared by the
 * sink's instances on every worker and kept across rollbacks. A write that returns a promise stalls the
 * gate until it settles: no instance writes again before, and the inputs stop reading (the timely idiom
 * of feeding input only while the output keeps up), which is how backpressure reaches the sources.
 *
 * Output commit. Without checkpoints a sink vertex writes each record as it arrives (timely: data flows
 * eagerly). With Naiad's global checkpoints, outputs are part of what a rollback undoes: a vertex keeps
 * its outputs until the next checkpoint completes and then commits them to the gate (Flink's two-phase
 * commit sink does the same), so a rollback never writes a record twice — exactly once, at the price of
 * output latency up to one checkpoint interval.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { SinkWriter } from '../../contract.js';
import type { Message } from '../dataflow/message.js';
import type { Operator } from '../dataflow/operator.js';

interface Output {
  value: unknown;
  ts: Millis;
  createdAt: Millis;
  ingestedAt: Millis;
}

/** One output's writer, shared by its sink vertices on every worker and across rollbacks. */
export class SinkGate {
  stalledOn: Promise<void> | null = null;
  /** A write's promise rejected: the run must fail with it. */
  error: unknown = null;
  private committed: Output[] = [];
  private head = 0;

  constructor(
    private readonly writer: SinkWriter,
    private readonly idOf: (value: unknown) => string,
  ) {}

  write(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const pending = this.writer.write(this.idOf(value), value, ts, createdAt, ingestedAt);
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

  /** Committed outputs not written yet. */
  get backlog(): number {
    return this.committed.length - this.head;
  }

  commit(outputs: readonly Output[]): void {
    for (const o of outputs) this.committed.push(o);
  }

  /** Writes committed outputs until the writer stalls. True if it wrote any. */
  pump(): boolean {
    let wrote = false;
    while (this.head < this.committed.length && this.stalledOn === null) {
      const o = this.committed[this.head++];
      this.write(o.value, o.ts, o.createdAt, o.ingestedAt);
      wrote = true;
    }
    if (this.head > 0 && this.head === this.committed.length) {
      this.committed = [];
      this.head = 0;
    }
    return wrote;
  }
}

/** A sink vertex: writes through the gate, or holds outputs until a checkpoint commits them. */
export class SinkVertex implements Operator {
  private uncommitted: Output[] = [];

  constructor(
    private readonly gate: SinkGate,
    /** Hold outputs until a checkpoint commits them (fault tolerance on). */
    private readonly commitOnCheckpoint: boolean,
  ) {}

  onRecv(_input: number, m: Message): boolean {
    const { values, ts, createdAt, ingestedAt } = m;
    if (this.commitOnCheckpoint) {
      for (let i = 0; i < m.length; i++) {
        this.uncommitted.push({
          value: values[i],
          ts: ts[i],
          createdAt: createdAt[i],
          ingestedAt: ingestedAt[i],
        });
      }
      return true;
    }
    const gate = this.gate;
    for (let i = m.cursor; i < m.length; i++) {
      if (gate.stalledOn !== null) {
        m.cursor = i;
        return false;
      }
      gate.write(values[i], ts[i], createdAt[i], ingestedAt[i]);
    }
    return true;
  }

  /** A checkpoint completed: what this vertex received before it is final. */
  commit(): void {
    this.gate.commit(this.uncommitted);
    this.uncommitted = [];
  }

  onNotify(): void {}
  /** Nothing to keep: outputs received before a checkpoint are committed when it completes. */
  snapshot(): null {
    return null;
  }
  restore(): void {}
}

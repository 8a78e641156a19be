/**
 * Session, count and delta windows, and event-time windows with allowed lateness or a late side output,
 * as a batch operator over the shared window machine (engines/shared/windows), with Spark's micro-batch
 * timing:
 *
 *   open    the batch's watermark (computed from earlier batches) judges lateness for the whole batch
 *   rows    each row goes to its key's windows; count and delta windows fire as rows arrive
 *           (Spark has no count windows: this is what a flatMapGroupsWithState would do)
 *   finish  windows and sessions due under the batch's watermark are emitted and evicted, as
 *           session_window's state store evicts sessions with end ≤ watermark in append mode
 *
 * So a session merges every row of the batch before the batch's watermark closes it: the watermark
 * advances between batches, never within one. The machine's per-key state is the state store's rows.
 */
import type { WindowNode } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { createWindowMachine } from '../../shared/windows/create.js';
import type { WindowEmit, WindowMachine } from '../../shared/windows/window-machine.js';
import type { KeyOf } from '../physical-plan.js';
import type { ChunkOutput, RowChunk } from '../rows.js';
import type { StateRows } from '../state/state-store.js';
import type { BatchInfo, StatefulOperator } from './operator.js';

export class MachineWindowOperator implements StatefulOperator, StateRows {
  private readonly machine: WindowMachine;
  private out: ChunkOutput | null = null;
  private readonly emit: WindowEmit = (value, ts, createdAt, ingestedAt) =>
    this.out!.push(value, ts, createdAt, ingestedAt);

  constructor(
    node: WindowNode,
    private readonly keyOf: KeyOf,
    counters: CounterSet,
  ) {
    this.machine = createWindowMachine(node, counters);
  }

  get state(): StateRows {
    return this;
  }

  stateLoaded(): void {
    this.machine.rebuildTimers();
  }

  open(batch: BatchInfo): void {
    if (batch.watermark > this.machine.watermark) this.machine.watermark = batch.watermark;
  }

  process(_input: number, rows: RowChunk, out: ChunkOutput): void {
    this.out = out;
    const { values, ts, createdAt, ingestedAt } = rows;
    for (let i = 0; i < rows.size; i++) {
      const value = values[i];
      this.machine.element(this.keyOf(value), value, ts[i], createdAt[i], ingestedAt[i], -1, this.emit);
    }
  }

  finish(out: ChunkOutput): void {
    this.out = out;
    this.machine.advance(this.machine.watermark, this.emit);
  }

  takeDirty(): readonly string[] {
    return this.machine.takeDirty();
  }

  keys(): Iterable<string> {
    return this.machine.keys();
  }

  encode(key: string): unknown {
    return this.machine.encodeKey(key);
  }

  restore(key: string, encoded: unknown): void {
    this.machine.restoreKey(key, encoded);
  }
}

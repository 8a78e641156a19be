/**
 * Session, count and delta windows, and event-time windows with allowed lateness or a late side output,
 * as a notify-driven vertex over the shared window machine (engines/shared/windows), the Naiad idiom:
 *
 *   onRecv(t)    each element goes to its key's windows; count and delta windows fire there and then,
 *                at time t. Lateness is judged by the last millisecond of epoch t − 1, as the window
 *                vertex does (a window whose epoch is closed can no longer be notified).
 *   notifyAt     whenever a window gets a due time (a session opens or grows, a window opens), the
 *                vertex asks to be notified at that time's epoch
 *   onNotify(t)  the frontier has passed epoch t: everything due by its last millisecond fires, so a
 *                session closes once the frontier passes its last element + gap
 *
 * Its checkpointed state is the machine's plus the epochs it has asked about; the runtime restores the
 * pending notifications themselves.
 */
import type { WindowNode } from '../../../workloads/plan/index.js';
import { createWindowMachine } from '../../shared/windows/create.js';
import type {
  WindowEmit,
  WindowMachine,
  WindowMachineSnapshot,
} from '../../shared/windows/window-machine.js';
import type { Message } from '../dataflow/message.js';
import type { Operator, OperatorContext } from '../dataflow/operator.js';
import type { EpochPolicy } from '../epochs.js';
import type { Timestamp } from '../progress/timestamp.js';

interface MachineVertexSnapshot {
  machine: WindowMachineSnapshot;
  requested: number[];
}

export class MachineWindowVertex implements Operator {
  private readonly machine: WindowMachine;
  private readonly emit: WindowEmit;
  /** Epochs with a notification requested and not yet delivered. */
  private requested = new Set<number>();
  /** The epoch of the current callback: notifications can only be asked for at or after it. */
  private epoch = Number.NEGATIVE_INFINITY;
  private restoring = false;

  constructor(
    private readonly ctx: OperatorContext,
    private readonly epochs: EpochPolicy,
    node: WindowNode,
    private readonly keyOf: (value: unknown) => string,
  ) {
    const out = ctx.outputs[0];
    this.emit = (value, ts, createdAt, ingestedAt) => out.push(value, ts, createdAt, ingestedAt);
    this.machine = createWindowMachine(node, ctx.counters, {
      schedule: (time) => this.requestNotification(time),
    });
  }

  private requestNotification(time: number): void {
    if (this.restoring) return;
    const epoch = Math.max(this.epochs.epochOf(time), this.epoch);
    if (this.requested.has(epoch)) return;
    this.requested.add(epoch);
    this.ctx.notifyAt(this.epochs.time(epoch));
  }

  onRecv(_input: number, m: Message): boolean {
    this.epoch = m.time[0];
    const closed = this.epochs.lastMillisOf(this.epoch - 1);
    if (closed > this.machine.watermark) this.machine.watermark = closed;
    const { values, ts, createdAt, ingestedAt } = m;
    for (let i = 0; i < m.length; i++) {
      const value = values[i];
      this.machine.element(this.keyOf(value), value, ts[i], createdAt[i], ingestedAt[i], -1, this.emit);
    }
    return true;
  }

  onNotify(time: Timestamp): void {
    this.epoch = time[0];
    this.requested.delete(this.epoch);
    this.machine.advance(this.epochs.lastMillisOf(this.epoch), this.emit);
  }

  snapshot(): MachineVertexSnapshot {
    return { machine: this.machine.snapshot(), requested: [...this.requested] };
  }

  restore(s: unknown): void {
    const snap = s as MachineVertexSnapshot;
    this.restoring = true;
    this.machine.restore(snap.machine);
    this.restoring = false;
    this.requested = new Set(snap.requested);
  }
}

/**
 * Session, count and delta windows, and event-time windows with allowed lateness or a late side output,
 * in Flink's WindowOperator position of a chain: the shared window machine (engines/shared/windows)
 * sees each record as it arrives (count and delta windows fire right there, as a CountTrigger or
 * DeltaTrigger returns FIRE from onElement) and each watermark (event-time and session windows fire
 * from their timers, in time order, before the watermark is forwarded, as InternalTimerService does).
 *
 * Its checkpointed state is the machine's: every key's panes, accumulators and trigger state, and the
 * watermark; timers are rebuilt from the panes on restore.
 */
import type { Millis, WindowNode } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { createWindowMachine } from '../../shared/windows/create.js';
import type {
  WindowEmit,
  WindowMachine,
  WindowMachineSnapshot,
} from '../../shared/windows/window-machine.js';
import type { StatefulOperator } from '../checkpoint/snapshot.js';
import type { Link } from './link.js';

export class MachineWindowLink implements Link, StatefulOperator {
  private readonly machine: WindowMachine;
  private readonly emit: WindowEmit;

  constructor(
    node: WindowNode,
    private readonly keyOf: (value: unknown) => string,
    private readonly next: Link,
    counters: CounterSet,
  ) {
    this.machine = createWindowMachine(node, counters);
    this.emit = (value, ts, createdAt, ingestedAt) => next.process(value, ts, createdAt, ingestedAt);
  }

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.machine.element(this.keyOf(value), value, ts, createdAt, ingestedAt, -1, this.emit);
  }

  watermark(wm: Millis): void {
    this.machine.advance(wm, this.emit);
    this.next.watermark(wm);
  }

  finish(): void {
    this.next.finish();
  }

  snapshotState(): WindowMachineSnapshot {
    return this.machine.snapshot();
  }

  initializeState(state: unknown): void {
    this.machine.restore(state as WindowMachineSnapshot);
  }
}

/**
 * Session, count and delta windows, and event-time windows with allowed lateness or a late side output,
 * as a windowed bolt over the shared window machine (engines/shared/windows). As Storm's
 * WindowedBoltExecutor, the windows live in the bolt's memory only (no state is checkpointed) and each
 * input tuple is held, not acked, while a window contains it; a result is anchored to every tuple of its
 * window, and a tuple is acked when the last window containing it is purged or evicts it. After a
 * failure the tuples still held time out, the spout replays them, and the windows are evaluated again
 * from the replayed tuples: at-least-once, with duplicate results.
 *
 * Persistent (a topology with stateful bolts), as WindowBolt is: the machine's state is the bolt's
 * checkpointed state, no tuple is held (the commit acks it), results go out unanchored, and a restored
 * task fires what its machine holds when the watermark passes it.
 *
 * Storm itself offers count windows (BaseWindowedBolt.withWindow(Count), withTumblingWindow(Count)) but
 * no session or data-driven windows; the report marks those as not native to Storm.
 */
import type { Millis, WindowNode } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import type { KeyedStateSnapshot } from '../../shared/keyed-context.js';
import { createWindowMachine } from '../../shared/windows/create.js';
import {
  NO_TAGS,
  type WindowEmit,
  type WindowMachine,
  type WindowMachineSnapshot,
} from '../../shared/windows/window-machine.js';
import type { KeyValueState } from '../key-value-state.js';
import type { Anchor, EdgeIds } from '../message-id.js';
import { OperatorState } from '../operator-state.js';
import type { AnchorSource, OutputCollector } from '../output-collector.js';
import type { KeyOf } from '../topology.js';
import type { Bolt } from './bolt.js';
import { HeldTuples } from './held-tuples.js';

export class MachineWindowBolt implements Bolt, AnchorSource {
  /** The checkpointed machine of a persistent window bolt; null when windows live in memory only. */
  readonly state: KeyValueState | null;
  private readonly machine: WindowMachine;
  private readonly heldTuples = new HeldTuples();
  /** The held tuples the result being emitted is anchored to. */
  private firing: readonly number[] = NO_TAGS;
  /** Windows gone while a tuple executes: released after the executor learns whether it is held. */
  private readonly released: (readonly number[])[] = [];
  private executing = false;
  private readonly emit: WindowEmit;

  constructor(
    node: WindowNode,
    private readonly keyOf: KeyOf,
    private readonly collector: OutputCollector,
    counters: CounterSet,
    persistent = false,
  ) {
    // One pseudo-key entry holds the whole machine (its watermark and every key's state).
    this.state = persistent
      ? new OperatorState(
          () => [['', [['machine', this.machine.snapshot()]]]],
          (snapshot) => this.machine.restore(machineOf(snapshot)),
        )
      : null;
    this.machine = createWindowMachine(node, counters, {
      enter: (tag) => this.heldTuples.enter(tag),
      leave: (tags) => {
        if (this.executing) this.released.push(tags);
        else this.heldTuples.leave(tags, collector.acker);
      },
    });
    this.emit = (value, ts, createdAt, ingestedAt, tags) => {
      const c = this.collector;
      this.firing = tags;
      c.multi = tags.length > 0 ? this : null; // a late element goes out anchored to its own tuple
      c.emit(value, ts, createdAt, ingestedAt);
      c.multi = null;
      this.firing = NO_TAGS;
    };
  }

  execute(_input: number, value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const c = this.collector;
    // A persistent window holds nothing: the executor acks the input, and the commit sends that ack.
    const holds = c.anchor !== null && !c.failing && this.state === null;
    const held = holds ? this.heldTuples.hold(c.anchor, c.idHi, c.idLo) : -1;
    this.executing = true;
    this.machine.element(this.keyOf(value), value, ts, createdAt, ingestedAt, held, this.emit);
    this.executing = false;
    // Whether the tuple is held is decided before the windows that fired on it let go of it, so that a
    // tuple whose last window fired on its arrival is acked once, by the window, not by the executor.
    c.held = held >= 0 && this.heldTuples.inWindow(held);
    for (const tags of this.released) this.heldTuples.leave(tags, c.acker);
    this.released.length = 0;
  }

  onWatermark(wm: Millis): boolean {
    this.machine.advance(wm, this.emit);
    return true;
  }

  /** The result being emitted is anchored to every held tuple of its window. */
  childAnchor(ids: EdgeIds): Anchor {
    return this.heldTuples.childAnchor(this.firing, ids);
  }
}

/** The machine snapshot inside a persistent bolt's state (none before the first commit: empty). */
function machineOf(snapshot: KeyedStateSnapshot): WindowMachineSnapshot {
  const entry = snapshot[0]?.[1][0];
  return (
    (entry?.[1] as WindowMachineSnapshot | undefined) ?? { watermark: Number.NEGATIVE_INFINITY, keys: [] }
  );
}

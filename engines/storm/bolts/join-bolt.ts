/**
 * A keyed equi-join as Storm core runs one (JoinBolt is a windowed bolt): an input waiting for its
 * match is held, not acked, so its tuple tree stays open; the joined result is anchored to both
 * inputs, which are acked when it goes out; an input that expires unmatched (the watermark passes the
 * spec's expiry) is acked then, counted as join.expiredLeft / join.expiredRight. After a crash the
 * waiting inputs' trees time out or restart with their spout, so they are replayed and meet their
 * match again: at-least-once, where a join that acked at once would have lost them with its memory.
 *
 * In a topology with stateful bolts the join is instead a stateful co-process bolt (the plan's
 * lowering, normalize.ts), its buffers checkpointed and its acks sent at the commit.
 * Outputs match the lowered join's: the same matches, expiries and timestamps.
 */
import type { JoinNode, Millis } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { TimerQueue } from '../../shared/timer-queue.js';
import type { Anchor, EdgeIds } from '../message-id.js';
import type { AnchorSource, OutputCollector } from '../output-collector.js';
import type { KeyOf } from '../topology.js';
import type { Bolt } from './bolt.js';
import { HeldTuples } from './held-tuples.js';

/** One side's input waiting for its match. */
interface Waiting {
  readonly value: unknown;
  /** Its held tuple, or −1 when it is not tracked. */
  readonly held: number;
}

const SIDES = ['left', 'right'] as const;
const EXPIRED = ['join.expiredLeft', 'join.expiredRight'] as const;

/** One task of a join node: per key and side, the inputs waiting by join key. */
export class JoinBolt implements Bolt, AnchorSource {
  readonly state = null;
  /** waiting[side]: key → join key → input. */
  private readonly waiting = [
    new Map<string, Map<number, Waiting>>(),
    new Map<string, Map<number, Waiting>>(),
  ];
  private readonly timers = new TimerQueue();
  private readonly heldTuples = new HeldTuples();
  private firing: readonly number[] = [];

  constructor(
    private readonly node: JoinNode,
    private readonly keyOf: readonly KeyOf[],
    private readonly collector: OutputCollector,
    private readonly counters: CounterSet,
  ) {}

  execute(input: number, value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const c = this.collector;
    const spec = this.node.spec;
    const key = this.keyOf[input](value);
    const joinKey = input === 0 ? spec.leftJoinKey(value) : spec.rightJoinKey(value);
    const held = c.anchor !== null && !c.failing ? this.heldTuples.hold(c.anchor, c.idHi, c.idLo) : -1;
    if (held >= 0) this.heldTuples.enter(held);
    const others = this.waiting[1 - input].get(key);
    const other = others?.get(joinKey);
    if (other === undefined) {
      this.wait(input, key, joinKey, { value, held });
      c.held = held >= 0;
      return;
    }
    others!.delete(joinKey);
    this.timers.delete(key, spec.expireAt(joinKey));
    const result = input === 0 ? spec.combine(value, other.value) : spec.combine(other.value, value);
    const both = [other.held, held].filter((i) => i >= 0);
    this.firing = both;
    c.multi = both.length > 0 ? this : null;
    c.emit(result, ts, createdAt, ingestedAt);
    c.multi = null;
    this.firing = [];
    this.heldTuples.leave(both, c.acker); // acks both inputs, this one included
    c.held = held >= 0;
  }

  private wait(input: number, key: string, joinKey: number, w: Waiting): void {
    let byJoinKey = this.waiting[input].get(key);
    if (byJoinKey === undefined) {
      byJoinKey = new Map();
      this.waiting[input].set(key, byJoinKey);
    }
    const replaced = byJoinKey.get(joinKey);
    // The lowered join keeps the newest value too; the one it replaces is done with (a replay's twin).
    if (replaced !== undefined && replaced.held >= 0)
      this.heldTuples.leave([replaced.held], this.collector.acker);
    byJoinKey.set(joinKey, w);
    this.timers.register(key, this.node.spec.expireAt(joinKey));
  }

  /** Expiry: drops and acks, per key, every waiting input whose join key expires by the timer's time. */
  onWatermark(wm: Millis): boolean {
    for (let t = this.timers.pollUpTo(wm); t !== null; t = this.timers.pollUpTo(wm)) {
      SIDES.forEach((_side, s) => {
        const byJoinKey = this.waiting[s].get(t.key);
        if (byJoinKey === undefined) return;
        for (const [joinKey, w] of byJoinKey) {
          if (this.node.spec.expireAt(joinKey) > t.time) continue;
          byJoinKey.delete(joinKey);
          this.counters.inc(EXPIRED[s]);
          if (w.held >= 0) this.heldTuples.leave([w.held], this.collector.acker);
        }
      });
    }
    return true;
  }

  /** The joined result is anchored to both of its inputs. */
  childAnchor(ids: EdgeIds): Anchor {
    return this.heldTuples.childAnchor(this.firing, ids);
  }
}

/**
 * Normalisation: rewrites composite nodes into the primitives engines execute, as Beam expands
 * composite transforms before a runner sees them. Today one rule: `join` → `coProcess`.
 */
import type { Collector, KeyedContext, KeyedCoProcessFunction } from './functions.js';
import type { CoProcessNode, JoinNode, JoinSpec, Plan } from './nodes.js';

export function normalize(plan: Plan): Plan {
  return { ...plan, nodes: plan.nodes.map((n) => (n.kind === 'join' ? lowerJoin(n) : n)) };
}

/** A join as the keyed co-process every engine can run (an engine may run joins natively instead). */
export function lowerJoin(node: JoinNode): CoProcessNode {
  return {
    kind: 'coProcess',
    id: node.id,
    name: node.name,
    inputs: node.inputs,
    fn: joinFunction(node.spec),
  };
}

/**
 * Keyed equi-join: buffers each side under `l:<joinKey>` / `r:<joinKey>` until the other arrives, and
 * drops what is unmatched when the watermark passes the spec's expiry (counted as join.expiredLeft/Right).
 */
export function joinFunction<L, R, O>(spec: JoinSpec<L, R, O>): KeyedCoProcessFunction<L, R, O> {
  const arrive = <A, B>(
    mine: string,
    theirs: string,
    joinKey: number,
    value: A,
    ctx: KeyedContext,
    out: Collector<O>,
    combine: (a: A, b: B) => O,
  ) => {
    const other = ctx.state.get<B>(`${theirs}:${joinKey}`);
    if (other === undefined) {
      ctx.state.set(`${mine}:${joinKey}`, value);
      ctx.timers.registerEventTimeTimer(spec.expireAt(joinKey));
      return;
    }
    ctx.state.delete(`${theirs}:${joinKey}`);
    ctx.timers.deleteEventTimeTimer(spec.expireAt(joinKey));
    out.collect(combine(value, other));
  };
  return {
    processLeft(value, ctx, out) {
      arrive<L, R>('l', 'r', spec.leftJoinKey(value), value, ctx, out, spec.combine);
    },
    processRight(value, ctx, out) {
      arrive<R, L>('r', 'l', spec.rightJoinKey(value), value, ctx, out, (r, l) => spec.combine(l, r));
    },
    onTimer(time, ctx) {
      // A timer fires for every join key whose expiry is `time`; scan this key's pending entries.
      for (const side of ['l', 'r'] as const) {
        for (const name of ctx.state.names(side)) {
          const joinKey = Number(name.slice(2));
          if (spec.expireAt(joinKey) <= time) {
            ctx.state.delete(name);
            ctx.counters.inc(side === 'l' ? 'join.expiredLeft' : 'join.expiredRight');
          }
        }
      }
    },
  };
}

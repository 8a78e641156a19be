/**
 * Naiad's progress tracking, against brute force: timestamps and path summaries, antichains,
 * ChangeBatches, the could-result-in relation of random dataflow graphs (with and without a loop
 * context), and the ProgressTracker's frontier under random occurrence-count changes, including
 * transiently negative counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dataflow, type FinishedDataflow, PIPELINE } from '../../engines/naiad/dataflow/graph.js';
import type { Operator } from '../../engines/naiad/dataflow/operator.js';
import { Antichain } from '../../engines/naiad/progress/antichain.js';
import { ChangeBatch } from '../../engines/naiad/progress/change-batch.js';
import {
  apply,
  EGRESS,
  FEEDBACK,
  followedBy,
  IDENTITY,
  INGRESS,
  type PathSummary,
  resultsInLessEqual,
  summaryLessEqual,
} from '../../engines/naiad/progress/summary.js';
import { lessEqual, type Timestamp } from '../../engines/naiad/progress/timestamp.js';
import { ProgressTracker } from '../../engines/naiad/progress/tracker.js';
import { PlanValidationError } from '../../harness/errors.js';

const NONE: Operator = {
  onRecv: () => true,
  onNotify() {},
  snapshot: () => null,
  restore() {},
};
const build = () => NONE;

/**
 * A random dataflow from a list of choices: an input, depth-0 nodes, optionally a loop context
 * (ingress → body nodes → feedback back to the first body node, egress out), then more depth-0 nodes.
 * Every input port is connected to an earlier node of the same loop depth.
 */
function randomDataflow(choices: readonly number[], withLoop: boolean): FinishedDataflow {
  let c = 0;
  const pick = (n: number) => choices[c++ % choices.length] % n;
  const df = new Dataflow();
  const outer = [df.add({ name: 'input', inputs: 0, outputs: 1, summary: IDENTITY, build })];
  const addOuter = (count: number) => {
    for (let i = 0; i < count; i++) {
      const inputs = 1 + pick(2);
      const id = df.add({ name: `n${outer.length}`, inputs, outputs: 1, summary: IDENTITY, build });
      for (let port = 0; port < inputs; port++) df.connect(outer[pick(outer.length)], 0, id, port, PIPELINE);
      outer.push(id);
    }
  };
  addOuter(1 + pick(3));
  if (withLoop) {
    const ingress = df.add({ name: 'ingress', inputs: 1, outputs: 1, summary: INGRESS, build });
    df.connect(outer[pick(outer.length)], 0, ingress, 0, PIPELINE);
    const head = df.add({ name: 'head', inputs: 2, outputs: 1, summary: IDENTITY, build });
    df.connect(ingress, 0, head, 0, PIPELINE);
    const body = [head];
    for (let i = pick(3); i > 0; i--) {
      const id = df.add({ name: `b${body.length}`, inputs: 1, outputs: 1, summary: IDENTITY, build });
      df.connect(body[pick(body.length)], 0, id, 0, PIPELINE);
      body.push(id);
    }
    const feedback = df.add({ name: 'feedback', inputs: 1, outputs: 1, summary: FEEDBACK, build });
    df.connect(body[pick(body.length)], 0, feedback, 0, PIPELINE);
    df.connect(feedback, 0, head, 1, PIPELINE);
    const egress = df.add({ name: 'egress', inputs: 1, outputs: 1, summary: EGRESS, build });
    df.connect(body[pick(body.length)], 0, egress, 0, PIPELINE);
    outer.push(egress);
  }
  addOuter(1 + pick(3));
  return df.finish();
}

/** Loop counters never exceed this in the generated times; a path adds at most one more. */
const MAX_COUNTER = 3;

/** Every (location, time) reachable from (t, l) by one-step moves, counters bounded (see MAX_COUNTER). */
function bruteReach(df: FinishedDataflow, t: Timestamp, l: number): Map<number, Timestamp[]> {
  const reach = df.reach;
  const moves = (at: number): [number, PathSummary][] => {
    const loc = reach.locations[at];
    if (loc.port.kind === 'target') return [[reach.vertex(loc.node), IDENTITY]];
    return df.edges
      .filter((e) => e.from === loc.node)
      .map((e): [number, PathSummary] => [reach.target(e.to, e.input), df.nodes[loc.node].summary]);
  };
  const seen = new Set<string>();
  const out = new Map<number, Timestamp[]>();
  const work: [number, Timestamp][] = [[l, t]];
  while (work.length > 0) {
    const [at, time] = work.pop()!;
    const id = `${at}@${time}`;
    if (seen.has(id) || time.slice(1).some((x) => x > MAX_COUNTER + 2)) continue;
    seen.add(id);
    out.set(at, [...(out.get(at) ?? []), time]);
    for (const [to, s] of moves(at)) work.push([to, apply(s, time)]);
  }
  return out;
}

const bruteCouldResultIn = (df: FinishedDataflow, t1: Timestamp, l1: number, t2: Timestamp, l2: number) =>
  (bruteReach(df, t1, l1).get(l2) ?? []).some((t) => lessEqual(t, t2));

const key = (t: Timestamp, l: number) => `${l}@${t.join(',')}`;

/** The minimal elements of a set of timestamps, as sorted strings. */
function minimal(times: readonly Timestamp[]): string[] {
  const mins = times.filter((t) => !times.some((u) => lessEqual(u, t) && !lessEqual(t, u)));
  return [...new Set(mins.map(String))].sort();
}

const summaryArb = fc.constantFrom(INGRESS, EGRESS, FEEDBACK, IDENTITY);

/** Applies a chain of summaries to a time, or null if one does not apply (too shallow). */
function applyChain(chain: readonly PathSummary[], t: Timestamp): Timestamp | null {
  let time = t;
  for (const s of chain) {
    const keep = time.length - 1 - s.pop;
    if (keep < 0 || (s.inc !== 0 && keep === 0)) return null;
    time = apply(s, time);
  }
  return time;
}

describe('engines/naiad progress: timestamps and path summaries', () => {
  it('Naiad’s order: epochs numerically, loop counters lexicographically; a partial order', () => {
    expect(lessEqual([3], [4])).toBe(true);
    expect(lessEqual([1, 0], [0, 5])).toBe(false);
    expect(lessEqual([0, 5], [1, 0])).toBe(false);
    expect(lessEqual([1, 2, 9], [1, 3, 0])).toBe(true);
    expect(() => lessEqual([1], [1, 0])).toThrow(RangeError);
  });

  it('a composed summary acts as the chain it summarises, and compares conservatively', () => {
    const time = fc.tuple(fc.nat(5), fc.array(fc.nat(4), { maxLength: 3 })).map(([e, cs]) => [e, ...cs]);
    fc.assert(
      fc.property(
        fc.array(summaryArb, { maxLength: 6 }),
        fc.array(summaryArb, { maxLength: 6 }),
        time,
        (a, b, t) => {
          const viaChain = applyChain([...a, ...b], t);
          fc.pre(viaChain !== null);
          const sa = a.reduce(followedBy, IDENTITY);
          const sb = b.reduce(followedBy, IDENTITY);
          const s = followedBy(sa, sb);
          expect(apply(s, t)).toEqual(viaChain);
          // resultsInLessEqual agrees with building ψ(t) and comparing.
          const other = viaChain!.map((x, i) => (i === 0 ? x : Math.max(0, x + ((x + i) % 3) - 1)));
          expect(resultsInLessEqual(s, t, other)).toBe(lessEqual(viaChain!, other));
          // summaryLessEqual(x, y) implies x(t) ≤ y(t).
          if (summaryLessEqual(sa, s) && applyChain(a, t) !== null)
            expect(lessEqual(apply(sa, t), viaChain!)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('engines/naiad progress: Antichain and ChangeBatch', () => {
  it('an antichain keeps exactly the minimal elements, and lessEqual is “some element ≤”', () => {
    const pair = fc.tuple(fc.nat(4), fc.nat(4)).map(([e, c]) => [e, c] as Timestamp);
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 12 }), pair, (times, probe) => {
        const a = new Antichain<Timestamp>(lessEqual);
        for (const t of times) a.insert(t);
        expect(a.elements.map(String).sort()).toEqual(minimal(times));
        expect(a.lessEqual(probe)).toBe(times.some((t) => lessEqual(t, probe)));
      }),
    );
  });

  it('a ChangeBatch nets changes per pointstamp and forgets those that cancel', () => {
    const update = fc.tuple(fc.nat(3), fc.nat(3), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(fc.array(update, { maxLength: 30 }), (updates) => {
        const batch = new ChangeBatch();
        const net = new Map<string, number>();
        for (const [e, l, d] of updates) {
          batch.update([e], l, d);
          net.set(key([e], l), (net.get(key([e], l)) ?? 0) + d);
        }
        const expected = [...net].filter(([, d]) => d !== 0).sort();
        const drained = batch.drain().map((u) => [key(u.time, u.location), u.delta]);
        expect(drained.sort()).toEqual(expected);
        expect(batch.isEmpty).toBe(true);
      }),
    );
  });
});

describe('engines/naiad progress: could-result-in and the frontier on random graphs', () => {
  for (const withLoop of [false, true]) {
    it(`could-result-in equals path search (${withLoop ? 'with' : 'without'} a loop context)`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.nat(1000), { minLength: 8, maxLength: 24 }),
          fc.nat(10_000),
          (choices, salt) => {
            const df = randomDataflow(choices, withLoop);
            const L = df.reach.locations.length;
            const timeAt = (l: number, k: number): Timestamp => {
              const depth = df.depths[df.reach.locations[l].node];
              return [k % 3, ...Array.from({ length: depth }, (_, i) => (k >> (i + 2)) % (MAX_COUNTER + 1))];
            };
            for (let i = 0; i < 12; i++) {
              const l1 = (salt + 7 * i) % L;
              const l2 = (salt * 3 + 11 * i) % L;
              const t1 = timeAt(l1, salt + i);
              const t2 = timeAt(l2, salt * 5 + i);
              expect(df.reach.couldResultIn(t1, l1, t2, l2)).toBe(bruteCouldResultIn(df, t1, l1, t2, l2));
            }
          },
        ),
        { numRuns: 60 },
      );
    });

    it(`the frontier is the minimal antichain of positive counts (${withLoop ? 'with' : 'without'} a loop)`, () => {
      // Updates pick from a few pointstamps, so counts rise, fall to zero and below, and rise again.
      const pointstamp = fc.tuple(fc.nat(1000), fc.nat(2), fc.nat(63));
      const update = fc.tuple(fc.nat(5), fc.integer({ min: -2, max: 2 }));
      fc.assert(
        fc.property(
          fc.array(fc.nat(1000), { minLength: 8, maxLength: 24 }),
          fc.array(pointstamp, { minLength: 6, maxLength: 6 }),
          fc.array(fc.array(update, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 16 }),
          (choices, pool, batches) => {
            const df = randomDataflow(choices, withLoop);
            const L = df.reach.locations.length;
            const stamps = pool.map(([loc, epoch, bits]): [Timestamp, number] => {
              const l = loc % L;
              const depth = df.depths[df.reach.locations[l].node];
              return [
                [epoch, ...Array.from({ length: depth }, (_, i) => (bits >> (2 * i)) % (MAX_COUNTER + 1))],
                l,
              ];
            });
            const tracker = new ProgressTracker(df.reach);
            const counts = new Map<string, { t: Timestamp; l: number; n: number }>();
            for (const batch of batches) {
              const changes = new ChangeBatch();
              for (const [which, delta] of batch) {
                const [t, l] = stamps[which];
                changes.update(t, l, delta);
                const entry = counts.get(key(t, l)) ?? { t, l, n: 0 };
                entry.n += delta;
                counts.set(key(t, l), entry);
              }
              tracker.apply(changes.drain());
              const active = [...counts.values()].filter((p) => p.n > 0);
              const frontier = active
                .filter((p) => !active.some((q) => q !== p && bruteCouldResultIn(df, q.t, q.l, p.t, p.l)))
                .map((p) => key(p.t, p.l))
                .sort();
              expect(
                tracker
                  .frontier()
                  .map((p) => key(p.time, p.location))
                  .sort(),
              ).toEqual(frontier);
              for (const p of active) {
                expect(tracker.isFrontier(p.t, p.l)).toBe(frontier.includes(key(p.t, p.l)));
              }
              // What may still arrive at each location: the minimal reachable times (a probe's answer).
              for (let l = 0; l < L; l++) {
                const reachable = active.flatMap((p) => bruteReach(df, p.t, p.l).get(l) ?? []);
                expect(tracker.frontierAt(l).elements.map(String).sort()).toEqual(minimal(reachable));
              }
              expect(tracker.isEmpty).toBe([...counts.values()].every((p) => p.n === 0));
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('rejects a cycle without a feedback vertex, and a feedback outside any loop', () => {
    const cyclic = new Dataflow();
    const input = cyclic.add({ name: 'input', inputs: 0, outputs: 1, summary: IDENTITY, build });
    const a = cyclic.add({ name: 'a', inputs: 2, outputs: 1, summary: IDENTITY, build });
    const b = cyclic.add({ name: 'b', inputs: 1, outputs: 1, summary: IDENTITY, build });
    cyclic.connect(input, 0, a, 0, PIPELINE);
    cyclic.connect(a, 0, b, 0, PIPELINE);
    cyclic.connect(b, 0, a, 1, PIPELINE);
    expect(() => cyclic.finish()).toThrow(PlanValidationError);

    const outside = new Dataflow();
    const i2 = outside.add({ name: 'input', inputs: 0, outputs: 1, summary: IDENTITY, build });
    const head = outside.add({ name: 'head', inputs: 2, outputs: 1, summary: IDENTITY, build });
    const fb = outside.add({ name: 'feedback', inputs: 1, outputs: 1, summary: FEEDBACK, build });
    outside.connect(i2, 0, head, 0, PIPELINE);
    outside.connect(head, 0, fb, 0, PIPELINE);
    outside.connect(fb, 0, head, 1, PIPELINE);
    expect(() => outside.finish()).toThrow(/outside a loop/);
  });
});

/**
 * Naiad's loop contexts on a small Naiad-only dataflow: a bounded fixed point per key (x → x/2 until
 * x < 1), iterated inside a loop (ingress → body ⇄ feedback, egress out) on two workers with the body
 * exchanging by key. Checks the results, that every notification inside the loop comes in timestamp
 * order and only once no record at or before it can arrive, that a later epoch iterates while an
 * earlier one is still in its loop, and that a bounded feedback stops the iteration.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { Timestamped } from '../../datasets/input.js';
import { Dataflow, PIPELINE } from '../../engines/naiad/dataflow/graph.js';
import type { Message } from '../../engines/naiad/dataflow/message.js';
import type { Operator, OperatorContext } from '../../engines/naiad/dataflow/operator.js';
import { Runtime } from '../../engines/naiad/dataflow/runtime.js';
import { EpochPolicy } from '../../engines/naiad/epochs.js';
import { InputOperator } from '../../engines/naiad/operators/input.js';
import { addEgress, addFeedback, addIngress } from '../../engines/naiad/operators/iteration.js';
import { IDENTITY } from '../../engines/naiad/progress/summary.js';
import { lessEqual, type Timestamp } from '../../engines/naiad/progress/timestamp.js';
import { NaiadStats } from '../../engines/naiad/stats.js';
import { CounterSet } from '../../engines/shared/counters.js';
import { subtaskRouter } from '../../engines/shared/key-groups.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';

interface Item {
  key: string;
  x: number;
}

type Event =
  | { kind: 'recv'; worker: number; node: string; time: Timestamp }
  | { kind: 'notify'; worker: number; node: string; time: Timestamp; frontierPassed: boolean };

const EPOCH_MS = 1000;
const epochs = new EpochPolicy(EPOCH_MS);
// Three epochs; the first holds one key that needs many passes, so later epochs overtake it.
const items: Timestamped<Item>[] = [
  { ts: 10, value: { key: 'a', x: 1000 } },
  { ts: 20, value: { key: 'b', x: 3 } },
  { ts: 1010, value: { key: 'c', x: 5 } },
  { ts: 1020, value: { key: 'd', x: 0.5 } },
  { ts: 2010, value: { key: 'e', x: 40 } },
  { ts: 2020, value: { key: 'a', x: 2 } },
];
/** Passes x → x/2 takes until x < 1 (the first pass is pass 0). */
const passes = (x: number) => (x < 1 ? 0 : Math.floor(Math.log2(x)) + 1);

/**
 * The loop body: input 0 from the ingress, input 1 from the feedback. Halves what is ≥ 1 and sends it
 * round again (output 0), sends what is < 1 out of the loop (output 1). Asks to be notified at every
 * time it receives, and logs each callback with whether the worker's progress view had passed it.
 */
class Halve implements Operator {
  constructor(
    private readonly ctx: OperatorContext,
    private readonly log: Event[],
    private readonly frontierPassed: (t: Timestamp) => boolean,
  ) {}
  onRecv(_input: number, m: Message): boolean {
    const time = this.ctx.time();
    this.log.push({ kind: 'recv', worker: this.ctx.index, node: 'body', time });
    this.ctx.notifyAt(time);
    for (let i = 0; i < m.length; i++) {
      const { key, x } = m.values[i] as Item;
      if (x < 1) this.ctx.outputs[1].push({ key, x }, m.ts[i], m.createdAt[i], m.ingestedAt[i]);
      else this.ctx.outputs[0].push({ key, x: x / 2 }, m.ts[i], m.createdAt[i], m.ingestedAt[i]);
    }
    return true;
  }
  onNotify(time: Timestamp): void {
    const frontierPassed = this.frontierPassed(time);
    this.log.push({ kind: 'notify', worker: this.ctx.index, node: 'body', time, frontierPassed });
  }
  snapshot = () => null;
  restore() {}
}

/**
 * After the loop: collects results (from every worker, into one map), and at each epoch's
 * notification on any worker records how many of that epoch's results had arrived anywhere.
 */
class Collect implements Operator {
  constructor(
    private readonly ctx: OperatorContext,
    private readonly results: Map<number, Item[]>,
    private readonly atNotify: Map<number, number[]>,
  ) {}
  onRecv(_input: number, m: Message): boolean {
    const epoch = this.ctx.time()[0];
    this.ctx.notifyAt(this.ctx.time());
    const list = this.results.get(epoch) ?? [];
    for (let i = 0; i < m.length; i++) list.push(m.values[i] as Item);
    this.results.set(epoch, list);
    return true;
  }
  onNotify(time: Timestamp): void {
    const seen = this.atNotify.get(time[0]) ?? [];
    this.atNotify.set(time[0], [...seen, this.results.get(time[0])?.length ?? 0]);
  }
  snapshot = () => null;
  restore() {}
}

function runLoop(maxIterations?: number, peers = 2) {
  const log: Event[] = [];
  const results = new Map<number, Item[]>();
  const atNotify = new Map<number, number[]>();
  const stats = new NaiadStats();
  const byKey = subtaskRouter(peers, 128);
  const exchange = { kind: 'exchange' as const, route: (v: unknown) => byKey((v as Item).key) };
  const reader = new OpenLoopSource(new ArrayInput(items), { mode: 'unpaced' }, 0);
  let runtime: Runtime;
  const df = new Dataflow();
  const input = df.add({
    name: 'input',
    inputs: 0,
    outputs: 1,
    summary: IDENTITY,
    // One reader, on worker 0, two records a step: epochs enter the loop one after another.
    build: (ctx) => new InputOperator(ctx, ctx.index === 0 ? [reader] : [], 0, epochs, 2, () => true, stats),
  });
  const ingress = addIngress(df, 'ingress');
  const body = df.add({
    name: 'body',
    inputs: 2,
    outputs: 2,
    summary: IDENTITY,
    build: (ctx) => {
      // The progress view has passed t at the body: nothing that may still reach its inputs is ≤ t.
      const passed = (t: Timestamp) =>
        [0, 1].every((port) => {
          const tracker = runtime.workers[ctx.index].tracker;
          return !tracker.frontierAt(tracker.reach.target(body, port)).lessEqual(t);
        });
      return new Halve(ctx, log, passed);
    },
  });
  const feedback = addFeedback(df, 'feedback', maxIterations);
  const egress = addEgress(df, 'egress');
  const collect = df.add({
    name: 'collect',
    inputs: 1,
    outputs: 0,
    summary: IDENTITY,
    build: (ctx) => new Collect(ctx, results, atNotify),
  });
  df.connect(input, 0, ingress, 0, PIPELINE);
  df.connect(ingress, 0, body, 0, exchange);
  df.connect(body, 0, feedback, 0, PIPELINE);
  df.connect(feedback, 0, body, 1, exchange);
  df.connect(body, 1, egress, 0, PIPELINE);
  df.connect(egress, 0, collect, 0, exchange);
  const finished = df.finish();
  runtime = new Runtime(finished, {
    peers,
    progressMode: 'demand',
    messageCapacity: 4,
    stats,
    counters: new CounterSet(),
    fault: null,
    faultNodes: new Set(),
  });
  runtime.start();
  let rounds = 0;
  while (!runtime.complete) {
    if (!runtime.round(0, false)) runtime.round(0, true);
    if (++rounds > 10_000) throw new Error('the loop did not terminate');
  }
  return { log, results, atNotify, stats, depths: finished.depths };
}

describe('engines/naiad iteration: a loop context (ingress, feedback, egress)', () => {
  it('computes the fixed point per key and leaves the loop at the outer epoch', () => {
    const { results, atNotify, depths } = runLoop();
    expect(depths).toEqual([0, 0, 1, 1, 1, 0]); // input, ingress, body, feedback, egress, collect
    const expected = new Map<number, Item[]>();
    for (const { ts, value } of items) {
      const e = epochs.epochOf(ts);
      expected.set(e, [...(expected.get(e) ?? []), { key: value.key, x: value.x / 2 ** passes(value.x) }]);
    }
    const sorted = (m: Map<number, Item[]>) =>
      [...m].map(([e, list]) => [e, [...list].sort((p, q) => p.key.localeCompare(q.key))]).sort();
    expect(sorted(results)).toEqual(sorted(expected));
    // The outer notification of an epoch comes only once all of the epoch has left the loop, on
    // every worker that asked for it.
    for (const [epoch, list] of expected) {
      expect(atNotify.get(epoch)?.length).toBeGreaterThan(0);
      for (const count of atNotify.get(epoch)!) expect(count).toBe(list.length);
    }
  });

  it('notifies each loop time in order, once, and only after the frontier has passed it', () => {
    const { log } = runLoop();
    const notes = log.filter((e) => e.kind === 'notify');
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(n.frontierPassed).toBe(true);
    for (const worker of [0, 1]) {
      const times = notes.filter((n) => n.worker === worker).map((n) => n.time);
      // Timestamp order: a time is never notified after one it is ≤ (each time once). Incomparable
      // times, e.g. [0, 5] and [1, 0], may come either way round.
      times.forEach((t, i) => {
        for (const earlier of times.slice(0, i)) expect(lessEqual(t, earlier)).toBe(false);
      });
      // Within an epoch: iterations 0, 1, 2, ... in order.
      for (const e of new Set(times.map((t) => t[0]))) {
        const counters = times.filter((t) => t[0] === e).map((t) => t[1]);
        expect(counters).toEqual([...counters].sort((a, b) => a - b));
      }
    }
    // Safety: no record at or before a notified time reaches that worker's body after the notification.
    log.forEach((n, i) => {
      if (n.kind !== 'notify') return;
      const later = log.slice(i + 1).filter((r) => r.kind === 'recv' && r.worker === n.worker);
      for (const r of later) expect(lessEqual(r.time, n.time)).toBe(false);
    });
    // Every pass of every epoch was notified on some worker: epoch 0 needs passes 0..10 (x = 1000).
    const epoch0 = new Set(notes.filter((n) => n.time[0] === 0).map((n) => n.time[1]));
    expect([...epoch0].sort((a, b) => a - b)).toEqual([...Array(passes(1000) + 1).keys()]);
  });

  it('lets a later epoch iterate while an earlier one is still in its loop (a partial order)', () => {
    const { log } = runLoop();
    const lastOfEpoch0 = log.findLastIndex((e) => e.kind === 'recv' && e.time[0] === 0);
    const firstOfEpoch2 = log.findIndex((e) => e.kind === 'recv' && e.time[0] === 2);
    expect(firstOfEpoch2).toBeGreaterThan(-1);
    expect(firstOfEpoch2).toBeLessThan(lastOfEpoch0);
  });

  it('a bounded feedback stops after maxIterations passes: unconverged records never leave', () => {
    const { results, log } = runLoop(3);
    const left = [...results.values()].flat().map((i) => i.key);
    // Converged within 3 passes (0, 1, 2): b (x=3, passes 2), d (0.5), a@2 (x=2, passes 2).
    expect(left.sort()).toEqual(['a', 'b', 'd']);
    const counters = log.filter((e) => e.kind === 'recv').map((e) => e.time[1]);
    expect(Math.max(...counters)).toBe(2);
  });

  it('gives the same results on one worker', () => {
    const one = runLoop(undefined, 1);
    const two = runLoop(undefined, 2);
    const flat = (m: Map<number, Item[]>) =>
      [...m.values()]
        .flat()
        .map((i) => `${i.key}:${i.x}`)
        .sort();
    expect(flat(one.results)).toEqual(flat(two.results));
    expect(two.stats.recordsExchanged).toBeGreaterThan(0);
    expect(one.stats.recordsExchanged).toBe(0);
  });
});

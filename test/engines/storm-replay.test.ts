/**
 * At-least-once, as Storm shows it: a failed or lost tuple's tree is replayed from its spout, so no
 * record's effect is lost, but outputs and state updates repeat. A lost tuple is replayed only by the
 * message timeout, between T and 2T after its spout tuple was emitted. With ackers = 0 nothing is
 * tracked or replayed (at-most-once).
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { stormEngine } from '../../engines/storm/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { type Collected, collectSink } from '../helpers/collect-sink.js';

interface Ev {
  k: string;
  i: number;
}
interface Counted extends Ev {
  /** How many events of this key the count bolt had applied, this one included. */
  n: number;
}

const KEYS = 4;

/** source → keyBy(k) → count (keyed state) → sink, one output per event, id = the event's index. */
function countPlan() {
  const p = new PlanBuilder('storm-replay');
  p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', (e) => e.k)
    .process<Counted>('count', {
      processElement(e, ctx, out) {
        const n = (ctx.state.get<number>('n') ?? 0) + 1;
        ctx.state.set('n', n);
        out.collect({ ...e, n });
      },
    })
    .sink('out', (c) => String(c.i));
  return p.build();
}

async function run(n: number, config: Record<string, unknown>) {
  const items = Array.from({ length: n }, (_, i) => ({ value: { k: `k${i % KEYS}`, i }, ts: i }));
  const sink = collectSink<Counted>();
  const report = await stormEngine.run({
    plan: countPlan(),
    sources: { in: [new OpenLoopSource(new ArrayInput(items), { mode: 'unpaced' }, 0)] },
    sinks: { out: sink },
    clock: systemClock,
    config,
  });
  const writes = new Map<number, Collected<Counted>[]>();
  for (const o of sink.out) writes.set(o.value.i, [...(writes.get(o.value.i) ?? []), o]);
  return { report, out: sink.out, writes };
}

describe('engines/storm: replay of failed and timed-out tuple trees', () => {
  it('replays every tree a bolt failed: no record is lost, outputs and state updates repeat', async () => {
    const n = 3000;
    const { report, out, writes } = await run(n, { failEveryNthTuple: 7 });
    const m = report.metrics;
    expect(writes.size).toBe(n); // every record's effect reached the sink
    expect(out.length).toBeGreaterThan(n); // ... some more than once
    expect(m.injectedFails).toBeGreaterThan(0);
    expect(m.failedTrees).toBeGreaterThan(0);
    expect(m.replayedTuples).toBe(m.failedTrees + m.timedOutTrees);
    expect(m.spoutEmitted).toBe(n + m.replayedTuples);
    expect(m.ackedTrees + m.failedTrees + m.timedOutTrees).toBe(m.spoutEmitted);
    expect(out.length - n).toBeLessThanOrEqual(m.replayedTuples);
    // The count bolt's state saw replayed events again: some key counted more events than it has.
    const maxCount = Math.max(...out.map((o) => o.value.n));
    expect(maxCount).toBeGreaterThan(n / KEYS);
    // A replayed output keeps its record's first ingestion time (the replay shows in the latency).
    for (const copies of writes.values()) expect(new Set(copies.map((c) => c.ingestedAt)).size).toBe(1);
  });

  it('replays a lost tuple after the message timeout, between T and 2T after it was emitted', async () => {
    const timeoutMs = 500;
    const { report, writes } = await run(1200, { dropEveryNthTuple: 500, messageTimeoutMs: timeoutMs });
    const m = report.metrics;
    expect(writes.size).toBe(1200);
    expect(m.injectedDrops).toBeGreaterThan(0);
    expect(m.failedTrees).toBe(0);
    expect(m.timedOutTrees).toBe(m.injectedDrops);
    // The records whose first output waited a timeout or more are exactly the lost ones, each T..2T.
    const firstLatency = [...writes.values()].map((copies) => copies[0].at - copies[0].ingestedAt);
    const late = firstLatency.filter((ms) => ms >= timeoutMs);
    expect(late.length).toBe(m.timedOutTrees);
    for (const ms of late) expect(ms).toBeLessThan(2 * timeoutMs + 300); // + slack on a loaded machine
  });

  it('with ackers = 0 tracks nothing: failed tuples are not replayed and lost ones stay lost', async () => {
    const failed = await run(2000, { ackers: 0, failEveryNthTuple: 7 });
    expect(failed.report.metrics.replayedTuples).toBe(0);
    expect(failed.report.metrics.ackerMessages).toBe(0);
    expect(failed.out.length).toBe(2000); // a fail is a no-op: each record's output went out once
    const lost = await run(2000, { ackers: 0, dropEveryNthTuple: 10 });
    expect(lost.report.metrics.injectedDrops).toBeGreaterThan(0);
    expect(lost.writes.size).toBe(2000 - lost.report.metrics.injectedDrops); // at-most-once
  });
});

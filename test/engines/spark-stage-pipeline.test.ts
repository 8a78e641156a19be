import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { defaultMaxParallelism, subtaskRouter } from '../../engines/shared/key-groups.js';
import { sparkEngine } from '../../engines/spark/engine.js';
import { planPhysical } from '../../engines/spark/physical-plan.js';
import { CHUNK_ROWS } from '../../engines/spark/rows.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';

interface Ev {
  k: string;
  i: number;
}
interface Copy extends Ev {
  c: number;
}

const EVENTS = 20_000;
const PER_BATCH = 5000;
const COPIES = 3;
const KEYS = ['k0', 'k1', 'k2', 'k3'];

/**
 * source → keyBy → fan (each event 3 times) ─┬──────────────────────────▶ co (left)  → sink
 *                                            └─ filter c = 1 (narrow) ──▶ co (right)
 * All in the stage after the shuffle. `co` logs what it is called with: L, R, or T for a timer.
 */
async function runFanAndCoProcess(parallelism: number) {
  const log: string[] = [];
  const lastLeft = new Map<string, number>();
  let leftOutOfOrder = 0;
  const p = new PlanBuilder('stage-pipeline');
  const fanned = p
    .source<Ev>('in', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', (e) => e.k)
    .process<Copy>('fan', {
      processElement: (e, _ctx, out) => {
        for (let c = 0; c < COPIES; c++) out.collect({ ...e, c });
      },
    });
  const right = fanned.filter('second copies', (e) => e.c === 1).keyBy('k', (e) => e.k);
  fanned
    .keyBy('k', (e) => e.k)
    .coProcess<Copy, Copy>('co', right, {
      processLeft: (e, ctx, out) => {
        log.push('L');
        const order = e.i * COPIES + e.c;
        if (order <= (lastLeft.get(e.k) ?? -1)) leftOutOfOrder++;
        lastLeft.set(e.k, order);
        ctx.timers.registerEventTimeTimer(e.i);
        out.collect(e);
      },
      processRight: () => void log.push('R'),
      onTimer: () => void log.push('T'),
    })
    .sink('out', (e) => `${e.i}/${e.c}`);
  const items = Array.from({ length: EVENTS }, (_, i) => ({ value: { k: KEYS[i % KEYS.length], i }, ts: i }));
  const sink = collectSink<Copy>();
  const report = await sparkEngine.run({
    plan: p.build(),
    sources: { in: [new OpenLoopSource(new ArrayInput(items), { mode: 'unpaced' }, 0)] },
    sinks: { out: sink },
    clock: systemClock,
    config: { parallelism, maxRowsPerBatch: PER_BATCH },
  });
  // Run-length encoded: ["L15000", "R5000", "L15000", …]
  const runs = log
    .join('')
    .match(/(.)\1*/g)!
    .map((r) => `${r[0]}${r.length}`);
  return { runs, leftOutOfOrder, out: sink.out, report };
}

/**
 * What operator-at-a-time order gives, as runs of L, R, T per task and batch: each task with keys
 * logs all of its left rows, then all of its right rows, then the timers the batch's watermark makes
 * due (batch n fires batch n − 1's; the final batch, at watermark +∞, only fires). Adjacent runs of one
 * letter merge, as in `runs`.
 */
function expectedRuns(parallelism: number): { letters: string[]; leftRuns: number[] } {
  const route = subtaskRouter(parallelism, defaultMaxParallelism(parallelism));
  const keysPerTask = Array.from(
    { length: parallelism },
    (_, t) => KEYS.filter((k) => route(k) === t).length,
  );
  const letters: string[] = [];
  const leftRuns: number[] = [];
  for (let batch = 0; batch <= EVENTS / PER_BATCH; batch++) {
    for (const keys of keysPerTask) {
      if (keys === 0) continue;
      if (batch < EVENTS / PER_BATCH) {
        letters.push('L', 'R');
        leftRuns.push(((PER_BATCH * keys) / KEYS.length) * COPIES);
      }
      if (batch > 0) letters.push('T');
    }
  }
  return { letters: letters.filter((l, i) => l !== letters[i - 1]), leftRuns };
}

describe('engines/spark: a stage runs fused, chunk by chunk, in operator-at-a-time order', () => {
  for (const parallelism of [1, 2]) {
    it(`a two-input operator gets all of its first input, then all of its second, then its timers (parallelism ${parallelism})`, async () => {
      // Every task's left and right inputs span several chunks: flushed while the producers still run.
      expect(PER_BATCH / KEYS.length).toBeGreaterThan(CHUNK_ROWS);
      const { runs, leftOutOfOrder, out, report } = await runFanAndCoProcess(parallelism);
      expect(report.metrics.batches).toBe(EVENTS / PER_BATCH + 1);
      const expected = expectedRuns(parallelism);
      expect(runs.map((r) => r[0])).toEqual(expected.letters);
      expect(runs.filter((r) => r[0] === 'L').map((r) => Number(r.slice(1)))).toEqual(expected.leftRuns);
      const total = (letter: string) =>
        runs.filter((r) => r[0] === letter).reduce((n, r) => n + Number(r.slice(1)), 0);
      expect([total('L'), total('R'), total('T')]).toEqual([EVENTS * COPIES, EVENTS, EVENTS]);
      expect(leftOutOfOrder).toBe(0);
      expect(out.length).toBe(EVENTS * COPIES);
      expect(new Set(out.map((o) => o.id)).size).toBe(EVENTS * COPIES);
    });
  }

  it('keeps the rows of an input that reaches a later stage without a shuffle (a narrow dependency)', async () => {
    // co's left input is already partitioned by k (no exchange) but comes from another stage; its right
    // input is shuffled: co starts a stage of its own and reads the left rows kept for it.
    const p = new PlanBuilder('narrow-across-stages');
    const left = p
      .source<Ev>('a', { maxOutOfOrdernessMs: 0 })
      .keyBy('k', (e) => e.k)
      .process<Ev>('pass', { processElement: (e, _ctx, out) => out.collect(e) })
      .keyBy('k', (e) => e.k);
    const right = p.source<Ev>('b', { maxOutOfOrdernessMs: 0 }).keyBy('k', (e) => e.k);
    const seen = new Map<string, string[]>();
    const note = (side: string, e: Ev) => seen.set(e.k, [...(seen.get(e.k) ?? []), side]);
    left
      .coProcess<Ev, string>('co', right, {
        processLeft: (e, _ctx, out) => {
          note('L', e);
          out.collect(`L${e.i}`);
        },
        processRight: (e, _ctx, out) => {
          note('R', e);
          out.collect(`R${e.i}`);
        },
      })
      .sink('out', (s) => s);
    const plan = p.build();
    const physical = planPhysical(plan, { parallelism: 2, sourceSplits: () => 1 });
    const co = physical.nodes.find((n) => n.node.name === 'co')!;
    expect(co.inputs.map((e) => e.exchange === null)).toEqual([true, false]);
    expect(physical.byId.get(co.inputs[0].from)!.stage).not.toBe(co.stage);

    const events = (n: number, first: number) =>
      Array.from({ length: n }, (_, i) => ({ value: { k: KEYS[i % KEYS.length], i: first + i }, ts: i }));
    const sink = collectSink<string>();
    await sparkEngine.run({
      plan,
      sources: {
        a: [new OpenLoopSource(new ArrayInput(events(3000, 0)), { mode: 'unpaced' }, 0)],
        b: [new OpenLoopSource(new ArrayInput(events(2000, 10_000)), { mode: 'unpaced' }, 0)],
      },
      sinks: { out: sink },
      clock: systemClock,
      config: { parallelism: 2 },
    });
    const expected = [
      ...events(3000, 0).map((e) => `L${e.value.i}`),
      ...events(2000, 10_000).map((e) => `R${e.value.i}`),
    ];
    expect(sink.out.map((o) => o.value).sort()).toEqual(expected.sort());
    // One batch: per key, all left rows, then all right rows.
    for (const sides of seen.values()) expect(sides.join('')).toMatch(/^L+R+$/);
  });

  it('runs map, flatMap and filter in the source stage, each row keeping its event time', async () => {
    const p = new PlanBuilder('narrow-chain');
    p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
      .map('double', (e) => ({ k: e.k, i: e.i * 2 }))
      .flatMap<Copy>('twice', (e, emit) => {
        emit({ ...e, c: 0 });
        emit({ ...e, c: 1 });
      })
      .filter('not multiples of 3', (e) => e.i % 3 !== 0)
      .keyBy('k', (e) => e.k)
      .process<Copy>('pass', { processElement: (e, _ctx, out) => out.collect(e) })
      .sink('out', (e) => `${e.i}/${e.c}`);
    const items = Array.from({ length: 3000 }, (_, i) => ({ value: { k: KEYS[i % 4], i }, ts: 1000 + i }));
    const sink = collectSink<Copy>();
    const report = await sparkEngine.run({
      plan: p.build(),
      sources: { in: [new OpenLoopSource(new ArrayInput(items), { mode: 'unpaced' }, 0)] },
      sinks: { out: sink },
      clock: systemClock,
      config: { parallelism: 2, maxRowsPerBatch: 1000 },
    });
    expect(report.metrics.stages).toBe(2); // source, map, flatMap, filter | pass, sink
    const expected = items
      .filter((e) => (e.value.i * 2) % 3 !== 0)
      .flatMap((e) => [0, 1].map((c) => `${e.value.i * 2}/${c}`));
    expect(sink.out.map((o) => o.id).sort()).toEqual(expected.sort());
    for (const o of sink.out) expect(o.ts).toBe(1000 + o.value.i / 2);
  });
});

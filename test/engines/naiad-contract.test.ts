/**
 * The engine contract on the Naiad-style engine: sink backpressure (with and without checkpoint
 * commits), closing writers, paced input, abort, user-function exceptions, plan and knob validation;
 * and a small plan with a fused stateless chain, sliding windows (epochs = gcd of window size and
 * slide) and process-function timers, against the reference execution.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { SinkWriter } from '../../engines/contract.js';
import { NaiadConfig } from '../../engines/naiad/config.js';
import { naiadEngine } from '../../engines/naiad/engine.js';
import { referenceEngine } from '../../engines/reference/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { FlinkCoinError, PlanValidationError } from '../../harness/errors.js';
import { type Plan, PlanBuilder, windowStart } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';
import { slowSinks } from '../helpers/slow-sink.js';

interface Ev {
  k: string;
  i: number;
}

function plan(processElement: (e: Ev, out: { collect(v: Ev): void }) => void = (e, out) => out.collect(e)) {
  const p = new PlanBuilder('contract');
  p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', (e) => e.k)
    .process<Ev>('pass', { processElement: (e, _ctx, out) => processElement(e, out) })
    .sink('out', (e) => String(e.i));
  return p.build();
}

function source(n: number, pacing: ConstructorParameters<typeof OpenLoopSource>[1] = { mode: 'unpaced' }) {
  const items = Array.from({ length: n }, (_, i) => ({ value: { k: `k${i % 8}`, i }, ts: i }));
  return new OpenLoopSource(new ArrayInput(items), pacing, systemClock.now());
}

const run = (sinks: Record<string, SinkWriter>, config: Record<string, unknown> = {}, p: Plan = plan()) =>
  naiadEngine.run({ plan: p, sources: { in: [source(1000)] }, sinks, clock: systemClock, config });

describe('engines/naiad: the engine contract', () => {
  for (const config of [{}, { checkpoint: { everyEpochs: 1 }, epochMs: 100 }]) {
    it(`waits for a sink’s promise before writing again, and closes writers once (${JSON.stringify(config)})`, async () => {
      const { slow, unused, stats } = slowSinks(10, 1);
      const report = await naiadEngine.run({
        plan: plan(),
        sources: { in: [source(3000, { mode: 'rate', eventsPerSec: 20_000 })] },
        sinks: { out: slow, unused },
        clock: systemClock,
        config,
      });
      expect(stats.written).toBe(3000);
      expect(stats.maxPending).toBe(1);
      expect(stats.closed).toBe(2);
      expect(report.metrics.backpressuredTurns).toBeGreaterThan(0);
    });
  }

  it('rejects the run with the exception a user function throws', async () => {
    const failing = plan((e, out) => {
      if (e.i === 500) throw new RangeError('bad record 500');
      out.collect(e);
    });
    await expect(run({ out: { write() {} } }, {}, failing)).rejects.toThrow('bad record 500');
  });

  it('rejects unbound sources and sinks, keyed nodes without keyBy, and unknown knobs', async () => {
    await expect(run({})).rejects.toThrow(PlanValidationError);
    await expect(
      naiadEngine.run({
        plan: plan(),
        sources: {},
        sinks: { out: { write() {} } },
        clock: systemClock,
        config: {},
      }),
    ).rejects.toThrow(PlanValidationError);
    const unkeyed = new PlanBuilder('unkeyed');
    const s = unkeyed.source<Ev>('in', { maxOutOfOrdernessMs: 0 });
    // A keyed node whose input is not a keyBy: forge one by reusing a keyed stream's node.
    s.keyBy('k', (e) => e.k)
      .process<Ev>('p', { processElement: (e, _c, out) => out.collect(e) })
      .sink('out', (e) => String(e.i));
    const nodes = unkeyed.build().nodes.map((n) => (n.kind === 'process' ? { ...n, inputs: [0] } : n));
    await expect(run({ out: { write() {} } }, {}, { workload: 'unkeyed', nodes })).rejects.toThrow(
      /needs a keyBy/,
    );
    await expect(run({ out: { write() {} } }, { workers: 4 })).rejects.toThrow(/workers/);
  });

  it('has the real systems’ defaults', () => {
    expect(NaiadConfig.parse({})).toEqual({
      parallelism: 2,
      progressMode: 'demand',
      bufferBytes: 8192,
      recordBytes: 64,
      inputBatchSize: 1024,
    });
  });

  it('honours the abort signal, also while it sleeps for paced input', async () => {
    const abort = new AbortController();
    abort.abort('stop');
    const config = {};
    const job = { plan: plan(), sinks: { out: { write() {} } }, clock: systemClock, config };
    await expect(
      naiadEngine.run({ ...job, sources: { in: [source(10)] }, signal: abort.signal }),
    ).rejects.toThrow(FlinkCoinError);
    const later = new AbortController();
    setTimeout(() => later.abort('stop'), 50);
    const slow = source(1000, { mode: 'rate', eventsPerSec: 10 }); // 100 s of input
    const started = systemClock.now();
    await expect(naiadEngine.run({ ...job, sources: { in: [slow] }, signal: later.signal })).rejects.toThrow(
      'run aborted',
    );
    expect(systemClock.now() - started).toBeLessThan(5000);
  });
});

interface Bucket {
  k: string;
  at: number;
  n: number;
}

/** map → filter → flatMap (one fused vertex), sliding windows, and epoch-aligned timers with deletes. */
function richPlan(): Plan {
  const p = new PlanBuilder('rich');
  const events = p
    .source<Ev>('in', { maxOutOfOrdernessMs: 20 })
    .map('scale', (e) => ({ ...e, i: e.i * 3 }))
    .filter('drop7', (e) => e.i % 7 !== 0)
    .flatMap<Ev>('dup11', (e, emit) => {
      emit(e);
      if (e.i % 11 === 0) emit({ ...e, i: -e.i });
    })
    .keyBy('k', (e) => e.k);
  events
    .window(
      'sliding',
      { type: 'sliding', sizeMs: 300, slideMs: 100 },
      {
        create: () => ({ n: 0, sum: 0 }),
        add: (acc: { n: number; sum: number }, e: Ev) => ({ n: acc.n + 1, sum: acc.sum + e.i }),
        result: (k, w, acc) => ({ k, start: w.start, ...acc }),
      },
    )
    .sink('windows', (r) => `${r.k}@${r.start}`);
  events
    .process<Bucket>('buckets', {
      processElement(_e, ctx) {
        // One timer per 100 ms bucket of a key, at the bucket's last millisecond; a bucket whose count
        // reaches 9 deletes its timer, so it never reports.
        const at = windowStart(ctx.timestamp, 100) + 99;
        const n = (ctx.state.get<number>(`n:${at}`) ?? 0) + 1;
        ctx.state.set(`n:${at}`, n);
        if (n === 9) ctx.timers.deleteEventTimeTimer(at);
        else if (n < 9) ctx.timers.registerEventTimeTimer(at);
      },
      onTimer(time, ctx, out) {
        out.collect({ k: ctx.key, at: time, n: ctx.state.get<number>(`n:${time}`)! });
        ctx.state.delete(`n:${time}`);
      },
    })
    .sink('buckets', (b) => `${b.k}@${b.at}`);
  return p.build();
}

describe('engines/naiad: stateless chain, sliding windows and timers match the reference', () => {
  const items = Array.from({ length: 4000 }, (_, i) => ({
    value: { k: `k${(i * 7) % 5}`, i },
    ts: 10_000 + i * 2 - ((i * 13) % 17), // out of order by up to 16 ms, within the 20 ms bound
  }));
  const runOn = async (engine: typeof naiadEngine, config: Record<string, unknown>) => {
    const sinks = { windows: collectSink(), buckets: collectSink() };
    const report = await engine.run({
      plan: richPlan(),
      sources: { in: [new OpenLoopSource(new ArrayInput(items), { mode: 'unpaced' }, 0)] },
      sinks,
      clock: systemClock,
      config,
    });
    const lines = (s: keyof typeof sinks) =>
      sinks[s].out.map((o) => `${o.id} ${o.ts} ${JSON.stringify(o.value)}`).sort();
    return { report, windows: lines('windows'), buckets: lines('buckets') };
  };

  for (const config of [{}, { parallelism: 3 }]) {
    it(`gives the reference’s outputs (${JSON.stringify(config)})`, async () => {
      const reference = await runOn(referenceEngine, {});
      const naiad = await runOn(naiadEngine, config);
      expect(reference.windows.length).toBeGreaterThan(300);
      expect(reference.buckets.length).toBeGreaterThan(50);
      expect(naiad.windows).toEqual(reference.windows);
      expect(naiad.buckets).toEqual(reference.buckets);
      expect(naiad.report.counters).toEqual(reference.report.counters);
      expect(naiad.report.metrics.epochMs).toBe(100); // gcd(300, 100)
      // map, filter and flatMap fused into one vertex: input, chain, window, process, two sinks.
      expect(naiad.report.metrics.vertices).toBe(6);
    });
  }
});

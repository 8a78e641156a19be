/**
 * The Storm-style engine against the engine contract and Storm's flow control: maxSpoutPending bounds
 * the trees in flight, bounded receive queues and a slow sink backpressure the spout, a sink's promise
 * is awaited and every writer closed once, user exceptions reject the run, bad plans and knobs are
 * refused (as Storm refuses a window longer than the message timeout), and an abort stops the run.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { JobSpec, SinkWriter } from '../../engines/contract.js';
import { stormEngine } from '../../engines/storm/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { ConfigError, FlinkCoinError, PlanValidationError } from '../../harness/errors.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { slowSinks } from '../helpers/slow-sink.js';

interface Ev {
  k: string;
  i: number;
}

function plan(processElement: (e: Ev, out: { collect(v: Ev): void }) => void = (e, out) => out.collect(e)) {
  const p = new PlanBuilder('storm-contract');
  p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', (e) => e.k)
    .process<Ev>('pass', { processElement: (e, _ctx, out) => processElement(e, out) })
    .sink('out', (e) => String(e.i));
  return p.build();
}

function windowPlan(sizeMs: number) {
  const p = new PlanBuilder('storm-window');
  p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', (e) => e.k)
    .window(
      'count',
      { type: 'tumbling', sizeMs },
      {
        create: () => 0,
        add: (n: number) => n + 1,
        result: (key, w, n) => ({ key, start: w.start, n }),
      },
    )
    .sink('out', (r) => `${r.key}@${r.start}`);
  return p.build();
}

function source(n: number, pacing: ConstructorParameters<typeof OpenLoopSource>[1] = { mode: 'unpaced' }) {
  const items = Array.from({ length: n }, (_, i) => ({ value: { k: `k${i % 8}`, i }, ts: i }));
  return new OpenLoopSource(new ArrayInput(items), pacing, systemClock.now());
}

const job = (over: Partial<JobSpec> = {}): JobSpec => ({
  plan: plan(),
  sources: { in: [source(1000)] },
  sinks: { out: { write() {} } },
  clock: systemClock,
  config: {},
  ...over,
});

describe('engines/storm: flow control', () => {
  it('maxSpoutPending bounds the trees in flight', async () => {
    const unbounded = await stormEngine.run(job({ sources: { in: [source(4000)] } }));
    expect(unbounded.metrics.maxPendingTrees).toBeGreaterThan(16);
    let written = 0;
    const bounded = await stormEngine.run(
      job({
        sources: { in: [source(4000)] },
        sinks: { out: { write: () => void written++ } },
        config: { maxSpoutPending: 16 },
      }),
    );
    expect(bounded.metrics.maxPendingTrees).toBeLessThanOrEqual(16);
    expect(bounded.metrics.ackedTrees).toBe(4000);
    expect(written).toBe(4000);
  });

  it('waits for a sink’s promise before writing to it again; full queues hold the spout back', async () => {
    const { slow, unused, stats } = slowSinks(50, 2);
    const report = await stormEngine.run(
      job({
        sources: { in: [source(3000)] },
        sinks: { out: slow, unused },
        config: { receiveBufferSize: 64 },
      }),
    );
    expect(stats.written).toBe(3000);
    expect(stats.maxPending).toBe(1);
    expect(stats.closed).toBe(2);
    expect(report.metrics.maxReceiveQueueDepth).toBeLessThanOrEqual(64);
    expect(report.metrics.backpressuredTurns).toBeGreaterThan(0);
  });
});

describe('engines/storm: the engine contract', () => {
  it('rejects the run with the exception a user function throws, and with a sink’s rejection', async () => {
    const throwing = plan((e, out) => {
      if (e.i === 500) throw new RangeError('bad record 500');
      out.collect(e);
    });
    await expect(stormEngine.run(job({ plan: throwing }))).rejects.toThrow(RangeError);
    const failingSink: SinkWriter = { write: () => Promise.reject(new Error('sink down')) };
    await expect(stormEngine.run(job({ sinks: { out: failingSink } }))).rejects.toThrow('sink down');
  });

  it('refuses unbound inputs and outputs, unknown knobs and contradictory ones', async () => {
    await expect(stormEngine.run(job({ sinks: {} }))).rejects.toThrow(PlanValidationError);
    await expect(stormEngine.run(job({ sources: {} }))).rejects.toThrow(PlanValidationError);
    await expect(stormEngine.run(job({ config: { acker: 1 } }))).rejects.toThrow(/acker/);
    await expect(stormEngine.run(job({ config: { failEveryNthTuple: 1 } }))).rejects.toThrow(/at least 2/);
    await expect(stormEngine.run(job({ config: { receiveBufferSize: 1000 } }))).rejects.toThrow(
      /power of two/,
    );
    await expect(
      stormEngine.run(job({ config: { dropEveryNthTuple: 5, enableMessageTimeouts: false } })),
    ).rejects.toThrow(ConfigError);
    await expect(
      stormEngine.run(job({ config: { ackers: 0, stateful: { checkpointIntervalMs: 100 } } })),
    ).rejects.toThrow(ConfigError);
  });

  it('refuses a window longer than the message timeout allows, as WindowedBoltExecutor.validate', async () => {
    const config = { messageTimeoutMs: 1000 };
    await expect(stormEngine.run(job({ plan: windowPlan(600), config }))).rejects.toThrow(/window duration/);
    const sink: { key: string; n: number }[] = [];
    await stormEngine.run(
      job({
        plan: windowPlan(500),
        sinks: { out: { write: (_id, v) => void sink.push(v as never) } },
        config,
      }),
    );
    expect(sink.reduce((s, r) => s + r.n, 0)).toBe(1000); // 1000 events, each counted once
    // Without timeouts nothing expires while a window waits: any window is accepted.
    await stormEngine.run(
      job({ plan: windowPlan(600), config: { ...config, enableMessageTimeouts: false } }),
    );
  });

  it('honours the abort signal', async () => {
    const abort = new AbortController();
    abort.abort('stop');
    await expect(stormEngine.run(job({ signal: abort.signal }))).rejects.toThrow(FlinkCoinError);
    // While it waits for a slow paced source, too.
    const later = new AbortController();
    setTimeout(() => later.abort('stop'), 50);
    const started = systemClock.now();
    const paced = source(1000, { mode: 'rate', eventsPerSec: 10 });
    await expect(stormEngine.run(job({ sources: { in: [paced] }, signal: later.signal }))).rejects.toThrow(
      'run aborted',
    );
    expect(systemClock.now() - started).toBeLessThan(5_000);
  });
});

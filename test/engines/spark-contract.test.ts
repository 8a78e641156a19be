import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { SinkWriter } from '../../engines/contract.js';
import { sparkEngine } from '../../engines/spark/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { FlinkCoinError, PlanValidationError } from '../../harness/errors.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
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

const run = (sink: SinkWriter, config: Record<string, unknown> = {}, n = 1000, signal?: AbortSignal) =>
  sparkEngine.run({
    plan: plan(),
    sources: { in: [source(n)] },
    sinks: { out: sink },
    clock: systemClock,
    config,
    signal,
  });

describe('engines/spark: the engine contract', () => {
  it('waits for a sink’s promise before writing to it again, and closes every writer once', async () => {
    const { slow, unused, stats } = slowSinks(10, 1);
    await sparkEngine.run({
      plan: plan(),
      sources: { in: [source(3000, { mode: 'rate', eventsPerSec: 20_000 })] },
      sinks: { out: slow, unused },
      clock: systemClock,
      config: {},
    });
    expect(stats.written).toBe(3000);
    expect(stats.maxPending).toBe(1);
    expect(stats.closed).toBe(2);
  });

  it('rejects the run with the exception a user function throws', async () => {
    const failing = sparkEngine.run({
      plan: plan((e, out) => {
        if (e.i === 500) throw new RangeError('bad record 500');
        out.collect(e);
      }),
      sources: { in: [source(1000)] },
      sinks: { out: { write() {} } },
      clock: systemClock,
      config: {},
    });
    await expect(failing).rejects.toThrow(RangeError);
  });

  it('rejects a plan whose sink or source is not bound, and unknown knobs', async () => {
    await expect(
      sparkEngine.run({
        plan: plan(),
        sources: { in: [source(10)] },
        sinks: {},
        clock: systemClock,
        config: {},
      }),
    ).rejects.toThrow(PlanValidationError);
    await expect(
      sparkEngine.run({
        plan: plan(),
        sources: {},
        sinks: { out: { write() {} } },
        clock: systemClock,
        config: {},
      }),
    ).rejects.toThrow(PlanValidationError);
    await expect(run({ write() {} }, { shufflePartitions: 200 })).rejects.toThrow(/shufflePartitions/);
  });

  it('honours the abort signal', async () => {
    const abort = new AbortController();
    abort.abort('stop');
    await expect(run({ write() {} }, {}, 1000, abort.signal)).rejects.toThrow(FlinkCoinError);
    // While it waits for a far trigger boundary, too.
    const later = new AbortController();
    setTimeout(() => later.abort('stop'), 50);
    const started = systemClock.now();
    await expect(run({ write() {} }, { triggerIntervalMs: 60_000 }, 1000, later.signal)).rejects.toThrow(
      'run aborted',
    );
    expect(systemClock.now() - started).toBeLessThan(5_000);
  });
});

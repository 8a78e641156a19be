/**
 * Late events: where input has them, engines may legitimately differ, because each advances its
 * watermark by its own rule (Flink per source every autoWatermarkIntervalMs, Spark between micro-batches).
 * These tests pin each rule down: one shared case every engine must count as late, and per-engine cases
 * where the same event is (or is not) late only because of when that engine's watermark moves.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { Timestamped } from '../../datasets/input.js';
import type { Engine } from '../../engines/contract.js';
import { ENGINES } from '../../engines/registry.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource, type Pacing } from '../../harness/driver/open-loop-source.js';
import { type AggregateFunction, PlanBuilder } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';

const count: AggregateFunction<string, number, string> = {
  create: () => 0,
  add: (n) => n + 1,
  result: (key, w, n) => `${key}@${w.start}=${n}`,
};

/** Events of one key: 1 s tumbling windows, watermark bound 100 ms. */
async function run(engine: Engine, times: number[], pacing: Pacing, config: Record<string, unknown> = {}) {
  const p = new PlanBuilder('late-events');
  p.source<string>('in', { maxOutOfOrdernessMs: 100 })
    .keyBy('key', (k) => k)
    .window('w', { type: 'tumbling', sizeMs: 1000 }, count)
    .sink('out', (s) => s);
  const events: Timestamped<string>[] = times.map((ts) => ({ value: 'k', ts }));
  const sink = collectSink<string>();
  const report = await engine.run({
    plan: p.build(),
    sources: { in: [new OpenLoopSource(new ArrayInput(events), pacing, systemClock.now())] },
    sinks: { out: sink },
    clock: systemClock,
    config,
  });
  return { outputs: sink.out.map((o) => o.value).sort(), late: report.counters['window.lateDropped'] ?? 0 };
}

// The event at 500 comes 0.5 s of wall time after the event at 10 000: long after every engine's
// watermark passed 10 000 − 100 and closed the window [0, 1000).
const CLEARLY_LATE = [200, 5_000, 10_000, 500];

describe('conformance: late events', () => {
  it.each(Object.keys(ENGINES))(
    '%s counts an event that comes long after its window closed, and leaves it out',
    async (name) => {
      const r = await run(ENGINES[name].engine, CLEARLY_LATE, { mode: 'rate', eventsPerSec: 2 });
      expect(r.late).toBe(1);
      expect(r.outputs).toEqual(['k@0=1', 'k@10000=1', 'k@5000=1']);
    },
  );

  it('flink: with periodic watermarks off (autoWatermarkIntervalMs 0) nothing is late before the end', async () => {
    const r = await run(
      ENGINES.flink.engine,
      CLEARLY_LATE,
      { mode: 'rate', eventsPerSec: 2 },
      {
        autoWatermarkIntervalMs: 0,
      },
    );
    expect(r.late).toBe(0);
    expect(r.outputs).toEqual(['k@0=2', 'k@10000=1', 'k@5000=1']);
  });

  it('spark: an event in the same micro-batch as newer ones is not late (the watermark moves between batches)', async () => {
    // Unpaced: the whole input is available to the first batch, which runs with the initial watermark.
    const r = await run(ENGINES.spark.engine, CLEARLY_LATE, { mode: 'unpaced' });
    expect(r.late).toBe(0);
    expect(r.outputs).toEqual(['k@0=2', 'k@10000=1', 'k@5000=1']);
  });

  it('spark: the same event is late when a batch boundary falls before it', async () => {
    const r = await run(ENGINES.spark.engine, CLEARLY_LATE, { mode: 'unpaced' }, { maxOffsetsPerTrigger: 3 });
    expect(r.late).toBe(1);
  });
});

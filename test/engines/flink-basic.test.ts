import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { flinkEngine } from '../../engines/flink/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';

interface Ev {
  k: string;
  v: number;
}

function input(n: number, keys = 5) {
  const items = Array.from({ length: n }, (_, i) => ({ value: { k: `k${i % keys}`, v: i }, ts: 1000 + i }));
  return new ArrayInput(items);
}

describe('engines/flink: windows and keyed exchange', () => {
  it('sums a tumbling window per key exactly once, across 2 subtasks', async () => {
    const p = new PlanBuilder('test');
    p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
      .keyBy('k', (e) => e.k)
      .window(
        'sum',
        { type: 'tumbling', sizeMs: 100 },
        {
          create: () => 0,
          add: (acc: number, e: Ev) => acc + e.v,
          result: (key, w, acc) => ({ key, start: w.start, sum: acc }),
        },
      )
      .sink('out', (r) => `${r.key}@${r.start}`);
    const sink = collectSink<{ key: string; start: number; sum: number }>();
    const n = 10_000;
    const report = await flinkEngine.run({
      plan: p.build(),
      sources: { in: [new OpenLoopSource(input(n), { mode: 'unpaced' }, 0)] },
      sinks: { out: sink },
      clock: systemClock,
      config: { parallelism: 2 },
    });
    const total = sink.out.reduce((s, r) => s + r.value.sum, 0);
    expect(total).toBe((n * (n - 1)) / 2);
    expect(new Set(sink.out.map((r) => r.id)).size).toBe(sink.out.length);
    expect(sink.out.length).toBe(5 * (n / 100));
    expect(report.metrics.subtasks).toBe(3);
    expect(report.counters['window.lateDropped'] ?? 0).toBe(0);
  });
});

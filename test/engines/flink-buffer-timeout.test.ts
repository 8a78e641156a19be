import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { flinkEngine } from '../../engines/flink/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';

interface Ev {
  k: string;
  i: number;
}

async function passThrough(bufferTimeoutMs: number) {
  const p = new PlanBuilder('q0');
  p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', (e) => e.k)
    .process<Ev>('pass', { processElement: (e, _ctx, out) => out.collect(e) })
    .sink('out', (e) => String(e.i));
  const sink = collectSink<Ev>();
  const items = Array.from({ length: 2_000 }, (_, i) => ({ value: { k: `k${i % 4}`, i }, ts: i }));
  // A moderate rate: 2,000 events/s, far below what fills a 512-record buffer within 100 ms.
  const source = new OpenLoopSource(
    new ArrayInput(items),
    { mode: 'rate', eventsPerSec: 2_000 },
    systemClock.now(),
  );
  const report = await flinkEngine.run({
    plan: p.build(),
    sources: { in: [source] },
    sinks: { out: sink },
    clock: systemClock,
    config: { bufferTimeoutMs },
  });
  const latencies = sink.out.map((r) => r.at - r.ingestedAt).sort((a, b) => a - b);
  return {
    median: latencies[latencies.length >> 1],
    buffersSent: report.metrics.buffersSent,
    n: latencies.length,
  };
}

describe('engines/flink: bufferTimeoutMs trades latency for throughput', () => {
  it('flushing every record (0) gives lower median latency than the 100 ms default, at the cost of more buffers', async () => {
    const perRecord = await passThrough(0);
    const batched = await passThrough(100);
    expect(perRecord.n).toBe(2_000);
    expect(batched.n).toBe(2_000);
    expect(perRecord.median).toBeLessThan(batched.median);
    // With a 100 ms flusher and a half-empty buffer, records wait tens of ms on average.
    expect(batched.median).toBeGreaterThan(10);
    expect(perRecord.buffersSent).toBeGreaterThan(batched.buffersSent * 10);
  });
});

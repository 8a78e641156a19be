import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { sparkEngine } from '../../engines/spark/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';

interface Ev {
  k: string;
  i: number;
}

const TRIGGER_MS = 200;
const RATE = 1000;
const EVENTS = 1200;

/** Paced input through keyBy → pass-through process → sink, noting when each element was processed. */
async function runPaced(config: Record<string, unknown>) {
  const processedAt = new Map<number, number>();
  const p = new PlanBuilder('trigger');
  p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', (e) => e.k)
    .process<Ev>('pass', {
      processElement: (e, _ctx, out) => {
        processedAt.set(e.i, systemClock.now());
        out.collect(e);
      },
    })
    .sink('out', (e) => String(e.i));
  const items = Array.from({ length: EVENTS }, (_, i) => ({ value: { k: `k${i % 4}`, i }, ts: i }));
  const source = new OpenLoopSource(
    new ArrayInput(items),
    { mode: 'rate', eventsPerSec: RATE },
    systemClock.now(),
  );
  const sink = collectSink<Ev>();
  const report = await sparkEngine.run({
    plan: p.build(),
    sources: { in: [source] },
    sinks: { out: sink },
    clock: systemClock,
    config,
  });
  return { out: sink.out, processedAt, report };
}

describe('engines/spark: latency comes from the trigger and the batch', () => {
  it('with ProcessingTime(200 ms), batches start on the interval and latency spans [D, T + D]', async () => {
    const { out, processedAt, report } = await runPaced({ triggerIntervalMs: TRIGGER_MS });
    expect(out.length).toBe(EVENTS);

    // Records are read at batch start, and after the first batch (which runs when the query starts)
    // batches start at epoch-aligned multiples of the interval.
    const batchStarts = [...new Set(out.map((o) => o.ingestedAt))].sort((a, b) => a - b);
    for (const start of batchStarts.slice(1)) expect(start % TRIGGER_MS).toBeLessThan(100);
    const spanMs = (EVENTS / RATE) * 1000;
    expect(batchStarts.length).toBeGreaterThanOrEqual(spanMs / TRIGGER_MS - 1);
    expect(batchStarts.length).toBeLessThanOrEqual(spanMs / TRIGGER_MS + 2);

    // Nothing of a batch reaches the sink before the batch has processed all its records.
    for (const start of batchStarts) {
      const batch = out.filter((o) => o.ingestedAt === start);
      const lastProcessed = Math.max(...batch.map((o) => processedAt.get(o.value.i)!));
      for (const o of batch) expect(o.at).toBeGreaterThanOrEqual(lastProcessed);
    }

    // Event-time latency = wait for the trigger (uniform over [0, T)) + batch duration D: a box on [D, T + D].
    const latencies = out.map((o) => o.at - o.createdAt);
    const min = Math.min(...latencies);
    const max = Math.max(...latencies);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max - min).toBeGreaterThan(0.75 * TRIGGER_MS);
    expect(max).toBeLessThan(TRIGGER_MS + report.metrics.maxBatchDurationMs + 100);
    const lowerHalf = latencies.filter((l) => l < min + TRIGGER_MS / 2).length / latencies.length;
    expect(lowerHalf).toBeGreaterThan(0.25);
    expect(lowerHalf).toBeLessThan(0.75);
  });

  it('with the default trigger, back-to-back batches keep latency far below the interval', async () => {
    const { out, report } = await runPaced({});
    expect(out.length).toBe(EVENTS);
    const latencies = out.map((o) => o.at - o.createdAt).sort((a, b) => a - b);
    // pollingDelay (10 ms) plus one batch: the median is well under what a 200 ms trigger gives.
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(TRIGGER_MS / 4);
    expect(report.metrics.batches).toBeGreaterThan((2 * ((EVENTS / RATE) * 1000)) / TRIGGER_MS);
  });
});

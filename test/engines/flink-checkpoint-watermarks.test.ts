/**
 * Watermarks and late events with checkpoints on. A plan of three keyed stages in three vertices
 * (process → window → process, each behind a hash exchange) records, per operator instance, the
 * watermark its KeyedContext shows at every record: it never goes back. Late events (60 s of event time
 * behind the stream, late however far the watermark lags on a loaded machine) are counted in `window.lateDropped`, each exactly once — also when the job fails
 * and restarts from a checkpoint, since counters and watermarks are part of the snapshot.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { flinkEngine } from '../../engines/flink/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { type KeyedContext, PlanBuilder } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';

interface Ev {
  k: string;
  late: boolean;
}

const REGULAR = 3_000;
const LATE_EVERY = 250;

const LATE_BY_MS = 60_000;

/** Regular events 10 ms apart over 4 keys; after the first 1 000, every 250th is followed by a late one. */
function input() {
  const items: { value: Ev; ts: number }[] = [];
  let late = 0;
  for (let i = 0; i < REGULAR; i++) {
    const ts = 1_000 + i * 10;
    items.push({ value: { k: `k${i % 4}`, late: false }, ts });
    if (i >= 1_000 && i % LATE_EVERY === 0) {
      items.push({ value: { k: `k${i % 4}`, late: true }, ts: ts - LATE_BY_MS });
      late++;
    }
  }
  return { items, late };
}

async function run(config: Record<string, unknown>) {
  const seen = new Map<KeyedContext, number[]>();
  const watch = (ctx: KeyedContext) => {
    const list = seen.get(ctx) ?? [];
    list.push(ctx.timers.currentWatermark());
    seen.set(ctx, list);
  };
  const p = new PlanBuilder('watermarks');
  p.source<Ev>('in', { maxOutOfOrdernessMs: 50 })
    .keyBy('k', (e) => e.k)
    .process<Ev>('first', {
      processElement(e, ctx, out) {
        watch(ctx);
        out.collect(e);
      },
    })
    .keyBy('k2', (e) => e.k) // another key name: a second hash exchange
    .window(
      'count',
      { type: 'tumbling', sizeMs: 100 },
      {
        create: () => 0,
        add: (n: number) => n + 1,
        result: (k, w, n) => ({ k, start: w.start, n }),
      },
    )
    .keyBy('k3', (r) => r.k)
    .process<{ k: string; start: number; n: number }>('last', {
      processElement(r, ctx, out) {
        watch(ctx);
        out.collect(r);
      },
    })
    .sink('out', (r) => `${r.k}@${r.start}`);
  const { items, late } = input();
  const sink = collectSink<{ k: string; start: number; n: number }>();
  const report = await flinkEngine.run({
    plan: p.build(),
    sources: {
      in: [
        new OpenLoopSource(new ArrayInput(items), { mode: 'rate', eventsPerSec: 5_000 }, systemClock.now()),
      ],
    },
    sinks: { out: sink },
    clock: systemClock,
    config: {
      parallelism: 2,
      bufferTimeoutMs: 5,
      autoWatermarkIntervalMs: 5,
      checkpointIntervalMs: 40,
      ...config,
    },
  });
  const counted = new Map<string, number>();
  for (const o of sink.out) counted.set(o.id, o.value.n);
  return { report, seen, late, windowed: [...counted.values()].reduce((a, b) => a + b, 0), sink };
}

function expectNeverRegresses(seen: Map<KeyedContext, number[]>, operatorInstances: number): void {
  expect(seen.size).toBeGreaterThanOrEqual(operatorInstances);
  for (const watermarks of seen.values()) {
    for (let i = 1; i < watermarks.length; i++)
      expect(watermarks[i]).toBeGreaterThanOrEqual(watermarks[i - 1]);
  }
  const finite = [...seen.values()].flat().filter(Number.isFinite);
  expect(finite.length).toBeGreaterThan(100);
}

describe('engines/flink: watermarks with checkpoints', () => {
  it('never regress at any keyed operator, and every late event is counted once', async () => {
    const r = await run({ restartStrategy: 'none' });
    expect(r.report.metrics['checkpoints.completed']).toBeGreaterThanOrEqual(3);
    expectNeverRegresses(r.seen, 4); // 'first' and 'last', two subtasks each
    expect(r.late).toBe(8);
    expect(r.report.counters['window.lateDropped']).toBe(r.late);
    expect(r.windowed).toBe(REGULAR); // every regular event is in exactly one window result
  });

  it('after a failure and a restore, late events are still counted exactly once and none slips into a window', async () => {
    const r = await run({ failAtEvent: 2_200, exponentialDelayInitialBackoffMs: 20 });
    expect(r.report.metrics.restarts).toBe(1);
    expect(r.report.metrics['checkpoints.lastRestoredId']).toBeGreaterThanOrEqual(1);
    expectNeverRegresses(r.seen, 8); // fresh operator instances in the second attempt
    expect(r.report.counters['window.lateDropped']).toBe(r.late);
    expect(r.windowed).toBe(REGULAR);
  });
});

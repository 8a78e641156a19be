import { describe, expect, it } from 'vitest';
import type { Emit, PollResult, SourceReader } from '../../engines/contract.js';
import { sparkEngine } from '../../engines/spark/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';

interface Ev {
  k: string;
  ts: number;
}

/**
 * Hands out one group of records per micro-batch: a drain takes the whole group, and the next poll
 * reports idle, which ends the drain. A group may be held back until a wall time.
 */
class GroupedReader implements SourceReader<Ev> {
  private group = 0;
  private index = 0;
  private pos = 0;

  constructor(
    private readonly groups: readonly number[][],
    private readonly releaseAt: readonly number[] = [],
  ) {}

  poll(now: number, max: number, emit: Emit<Ev>): PollResult {
    if (this.group >= this.groups.length) return { kind: 'end' };
    const release = this.releaseAt[this.group] ?? 0;
    if (now < release) return { kind: 'idle', until: release };
    const g = this.groups[this.group];
    let n = 0;
    for (; n < max && this.index < g.length; n++, this.index++, this.pos++) {
      emit({ k: 'a', ts: g[this.index] }, g[this.index], now);
    }
    if (n > 0) return { kind: 'records', n };
    this.group++;
    this.index = 0;
    return { kind: 'idle', until: now };
  }

  position(): number {
    return this.pos;
  }

  seek(position: number | string | Record<string, number>): void {
    if (position !== this.pos) throw new Error('GroupedReader only seeks to where it is');
  }
}

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => from + i * step);

function countPerWindow() {
  const p = new PlanBuilder('watermark');
  p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', (e) => e.k)
    .window(
      'count',
      { type: 'tumbling', sizeMs: 100 },
      {
        create: () => 0,
        add: (n: number) => n + 1,
        result: (key, w, n) => ({ key, start: w.start, n }),
      },
    )
    .sink('out', (r) => `${r.key}@${r.start}`);
  return p.build();
}

async function run(reader: SourceReader<Ev>, config: Record<string, unknown> = {}) {
  const sink = collectSink<{ key: string; start: number; n: number }>();
  const report = await sparkEngine.run({
    plan: countPerWindow(),
    sources: { in: [reader] },
    sinks: { out: sink },
    clock: systemClock,
    config,
  });
  const byId = new Map(sink.out.map((o) => [o.id, o]));
  return { report, out: sink.out, byId };
}

describe('engines/spark: watermarks are computed per batch and applied from the next one', () => {
  it('counts an element behind the previous batch’s watermark as late, not one behind its own batch', async () => {
    // Batch 0: ts 1000..1990, so the watermark for batch 1 is 1990 − 0 − 1 = 1989.
    // Batch 1: 1500 is late (its window ends at 1599 ≤ 1989); 2600 arrives 400 ms behind 3000 in the same
    // batch, with a bound of 0, but batch 1 still runs with watermark 1989, so it is not late.
    const { report, byId } = await run(new GroupedReader([range(1000, 2000, 10), [1500, 3000, 2600]]));
    expect(report.counters['window.lateDropped']).toBe(1);
    expect(byId.get('a@1500')?.value.n).toBe(10);
    expect(byId.get('a@2600')?.value.n).toBe(1);
    expect(byId.get('a@3000')?.value.n).toBe(1);
    expect(byId.size).toBe(12);
    // Windows due under watermark 1989 come out in batch 1, not batch 0 (which ran with −∞): they were
    // written after batch 1 had drained its records.
    const batch1DrainedAt = byId.get('a@2600')!.ingestedAt;
    expect(byId.get('a@1000')!.at).toBeGreaterThanOrEqual(batch1DrainedAt);
    expect(byId.get('a@1000')!.ingestedAt).toBeLessThan(batch1DrainedAt);
    expect(report.metrics.batches).toBe(3); // two data batches, then the final one at watermark +∞
  });

  it('runs a no-data batch when the watermark advanced, so due windows come out before more data', async () => {
    const release = systemClock.now() + 400;
    const groups = [range(1000, 2000, 10), [5000]];
    const eager = await run(new GroupedReader(groups, [0, release]));
    expect(eager.byId.get('a@1000')!.at).toBeLessThan(release);
    expect(eager.byId.get('a@1900')!.at).toBeGreaterThanOrEqual(release); // 1999 > 1989: not yet due
    expect(eager.report.metrics.noDataBatches).toBe(2); // the watermark's, then the final one

    const release2 = systemClock.now() + 400;
    const lazy = await run(new GroupedReader(groups, [0, release2]), { noDataMicroBatches: false });
    expect(lazy.byId.get('a@1000')!.at).toBeGreaterThanOrEqual(release2);
    expect(lazy.report.metrics.noDataBatches).toBe(1); // only the final one: the input ended
    expect([...lazy.byId.keys()].sort()).toEqual([...eager.byId.keys()].sort());
  });

  it('fires event-time timers at batch end once the watermark passes them, with NaN stamps', async () => {
    const p = new PlanBuilder('timers');
    p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
      .keyBy('k', (e) => e.k)
      .process<{ fired: number }>('remind', {
        processElement: (e, ctx) => ctx.timers.registerEventTimeTimer(Math.floor(e.ts / 100) * 100 + 150),
        onTimer: (time, ctx, out) => {
          ctx.state.set('fired', (ctx.state.get<number>('fired') ?? 0) + 1);
          out.collect({ fired: time });
        },
      })
      .sink('out', (r) => String(r.fired));
    const sink = collectSink<{ fired: number }>();
    await sparkEngine.run({
      plan: p.build(),
      sources: { in: [new GroupedReader([range(1000, 1500, 10), range(1500, 2000, 10)])] },
      sinks: { out: sink },
      clock: systemClock,
      config: {},
    });
    // One timer per 100 ms bucket (registrations of the same time are one timer), all fired in the end.
    expect(sink.out.map((o) => o.value.fired).sort()).toEqual(range(1150, 2150, 100));
    for (const o of sink.out) {
      expect(o.ts).toBe(o.value.fired);
      expect(o.createdAt).toBeNaN();
      expect(o.ingestedAt).toBeNaN();
    }
  });
});

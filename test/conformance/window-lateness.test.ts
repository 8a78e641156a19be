/**
 * Allowed lateness and the late side output of event-time windows (Flink's allowedLateness and
 * sideOutputLateData): a window fires on time, fires again (pane 1, 2, ...) for each element that comes
 * within the lateness, and is purged after it; an element past that goes to the side output. The
 * reference defines the expected results by hand; the Flink-style engine (per-record watermarks) and
 * the window machine give exactly them; every engine routes a hopelessly late element to the side output.
 * Paced at 2 records/s, so that every engine's watermark has moved before the late record arrives.
 */
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../engines/reference/engine.js';
import { ENGINES } from '../../engines/registry.js';
import type { AnyWindowAssigner } from '../../workloads/plan/index.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { joinValues, type Reading, runWindows } from '../helpers/window-kinds-plan.js';

const at = (v: number, ts: number) => ({ value: { key: 'a', v } as Reading, ts });
/** Bound 0: the watermark is the newest time − 1. Window [0, 1000) fires once 1999 is seen... */
const events = [
  at(0, 100),
  at(1, 900),
  at(2, 1_500), // watermark 1499: [0,1000) fires on time
  at(3, 800), // late for [0,1000), within the 1000 ms lateness: fires it again (pane 1)
  at(4, 2_500), // watermark 2499: [1000,2000) fires; [0,1000) is purged (999 + 1000 ≤ 2499)
  at(5, 700), // past the lateness: side output
];
const tumbling: Record<string, AnyWindowAssigner> = { t: { type: 'tumbling', sizeMs: 1_000 } };

describe('allowed lateness and late side output', () => {
  it('the reference fires on time, again for a late element, and sends the rest to the side output', async () => {
    const run = await runWindows(referenceEngine, events, tumbling, {
      bound: 0,
      options: { allowedLatenessMs: 1_000 },
      lateOutput: true,
    });
    expect(run.outputs.t).toEqual([
      'a[0,1000)/p1:0,1,3@999',
      'a[0,1000):0,1@999',
      'a[1000,2000):2@1999',
      'a[2000,3000):4@2999',
    ]);
    expect(run.outputs['t.late']).toEqual(['late:5@700']);
    expect(run.report.counters['window.lateSideOutput']).toBe(1);
  });

  it('the Flink-style engine gives exactly the reference’s panes', async () => {
    const opts = { bound: 0, options: { allowedLatenessMs: 1_000 }, lateOutput: true };
    const expected = await runWindows(referenceEngine, events, tumbling, opts);
    // Two records a second: each record's periodic watermark (every 200 ms) is out before the next.
    const run = await runWindows(ENGINES.flink.engine, events, tumbling, {
      ...opts,
      pacing: { mode: 'rate', eventsPerSec: 2 },
    });
    expect(run.outputs).toEqual(expected.outputs);
  });

  for (const [name, { engine }] of Object.entries(ENGINES)) {
    it(`${name} sends an element 10 s late to the side output, not to a window`, async () => {
      // A second of wall time between 20 000 and the late 200: past Storm's 1 s watermark interval too.
      const late = [at(0, 100), at(1, 20_000), at(2, 25_000), at(3, 200)];
      const pacing = { mode: 'rate', eventsPerSec: 2 } as const;
      const run = await runWindows(engine, late, tumbling, { bound: 0, lateOutput: true, pacing });
      expect(run.outputs['t.late']).toEqual(['late:3@200']);
      expect(run.outputs.t).toEqual(['a[0,1000):0@999', 'a[20000,21000):1@20999', 'a[25000,26000):2@25999']);
      expect(run.report.counters['window.lateDropped'] ?? 0).toBe(0);
    });
  }

  it('refuses lateness on a count window, naming the node', () => {
    const p = new PlanBuilder('bad');
    const keyed = p.source<Reading>('in', { maxOutOfOrdernessMs: 0 }).keyBy('key', (r) => r.key);
    expect(() => keyed.window('c', { type: 'count', size: 2 }, joinValues, { allowedLatenessMs: 5 })).toThrow(
      /window "c": allowed lateness and late output apply to event-time windows only/,
    );
    expect(() =>
      keyed.window('s', { type: 'session', gapMs: 10 }, { ...joinValues, merge: undefined }),
    ).toThrow(/window "s": session windows merge/);
  });
});

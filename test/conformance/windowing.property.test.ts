/**
 * Property-based conformance of event-time windows (fast-check): over random keyed inputs whose
 * disorder stays within the watermark bound, every engine and the reference produce exactly the windows
 * a brute-force grouping predicts, with each window's values in per-key arrival order, and count no late
 * events. Random plans: tumbling or sliding windows of random size and slide, random parallelism.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { Timestamped } from '../../datasets/input.js';
import type { Engine } from '../../engines/contract.js';
import { referenceEngine } from '../../engines/reference/engine.js';
import { ENGINES } from '../../engines/registry.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { type AggregateFunction, PlanBuilder, type WindowAssigner } from '../../workloads/plan/index.js';
import { assignWindows } from '../../workloads/plan/windows.js';
import { collectSink } from '../helpers/collect-sink.js';

interface Reading {
  key: string;
  v: number;
}

/** Order-sensitive on purpose: the values joined in arrival order. */
const joinValues: AggregateFunction<Reading, number[], string> = {
  create: () => [],
  add: (acc, r) => {
    acc.push(r.v);
    return acc;
  },
  result: (key, w, acc) => `${key}[${w.start},${w.end}):${acc.join(',')}`,
};

/**
 * Inputs with bounded disorder: sorted times, each moved back by at most `bound`, so no event is
 * older than the newest before it minus `bound` (never late for a watermark with that bound).
 */
const inputArb = fc
  .record({
    bound: fc.integer({ min: 0, max: 300 }),
    steps: fc.array(
      fc.record({
        gap: fc.integer({ min: 0, max: 120 }),
        back: fc.double({ min: 0, max: 1, noNaN: true }),
        key: fc.constantFrom('a', 'b', 'c'),
      }),
      { minLength: 1, maxLength: 300 },
    ),
  })
  .map(({ bound, steps }) => {
    let t = 1_000;
    const events: Timestamped<Reading>[] = steps.map((s, v) => {
      t += s.gap;
      return { value: { key: s.key, v }, ts: t - Math.floor(s.back * bound) };
    });
    return { bound, events };
  });

const assignerArb: fc.Arbitrary<WindowAssigner> = fc.oneof(
  fc.integer({ min: 1, max: 500 }).map((sizeMs): WindowAssigner => ({ type: 'tumbling', sizeMs })),
  fc
    .tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 4 }))
    .map(([slideMs, k]): WindowAssigner => ({ type: 'sliding', sizeMs: slideMs * k, slideMs })),
);

function expectedWindows(events: readonly Timestamped<Reading>[], assigner: WindowAssigner): string[] {
  const windows = new Map<string, { key: string; start: number; end: number; values: number[] }>();
  for (const e of events) {
    for (const w of assignWindows(assigner, e.ts)) {
      const id = `${e.value.key}@${w.start}`;
      let win = windows.get(id);
      if (win === undefined) {
        win = { key: e.value.key, ...w, values: [] };
        windows.set(id, win);
      }
      win.values.push(e.value.v);
    }
  }
  return [...windows.values()].map((w) => `${w.key}[${w.start},${w.end}):${w.values.join(',')}`).sort();
}

async function runWindows(
  engine: Engine,
  events: readonly Timestamped<Reading>[],
  bound: number,
  assigner: WindowAssigner,
  parallelism: number,
) {
  const p = new PlanBuilder('window-property');
  p.source<Reading>('in', { maxOutOfOrdernessMs: bound })
    .keyBy('key', (r) => r.key)
    .window('w', assigner, joinValues)
    .sink('out', (s) => s.slice(0, s.indexOf(':')));
  const sink = collectSink<string>();
  const report = await engine.run({
    plan: p.build(),
    sources: { in: [new OpenLoopSource(new ArrayInput(events), { mode: 'unpaced' }, 0)] },
    sinks: { out: sink },
    clock: systemClock,
    config: engine === referenceEngine ? {} : { parallelism },
  });
  return { outputs: sink.out.map((o) => o.value).sort(), late: report.counters['window.lateDropped'] ?? 0 };
}

const engines: [string, Engine][] = [
  ['reference', referenceEngine],
  ...Object.entries(ENGINES).map(([n, e]): [string, Engine] => [n, e.engine]),
];

describe('conformance: event-time windows on random inputs (fast-check)', () => {
  it.each(engines)(
    '%s emits exactly the brute-force windows, values in arrival order',
    async (_name, engine) => {
      await fc.assert(
        fc.asyncProperty(
          inputArb,
          assignerArb,
          fc.integer({ min: 1, max: 3 }),
          async ({ bound, events }, assigner, parallelism) => {
            const run = await runWindows(engine, events, bound, assigner, parallelism);
            expect(run.late).toBe(0);
            expect(run.outputs).toEqual(expectedWindows(events, assigner));
          },
        ),
        { numRuns: 40, seed: 20261125 },
      );
    },
  );
});

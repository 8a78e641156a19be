/**
 * Property-based tests (fast-check) of session merging and count windows over random keyed event
 * sequences whose disorder stays below the watermark bound:
 *   - the shared window machine (what every engine wraps) and the reference execution each give exactly
 *     the windows a brute-force grouping predicts: sessions split where a key's sorted timestamps are
 *     more than the gap apart, count windows as chunks (or every `slide`-th suffix) of arrival order;
 *   - every engine's results equal the reference's, string for string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../engines/reference/engine.js';
import { ENGINES } from '../../engines/registry.js';
import { CounterSet } from '../../engines/shared/counters.js';
import { createWindowMachine } from '../../engines/shared/windows/create.js';
import type { AnyWindowAssigner, WindowNode } from '../../workloads/plan/index.js';
import { joinValues, type Reading, readings, runWindows } from '../helpers/window-kinds-plan.js';

const stepsArb = fc.array(
  fc.record({
    gap: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 100, max: 900 })),
    back: fc.double({ min: 0, max: 0.999, noNaN: true }),
    key: fc.constantFrom('a', 'b', 'c'),
  }),
  { minLength: 1, maxLength: 200 },
);
const inputArb = fc.record({ bound: fc.integer({ min: 1, max: 150 }), steps: stepsArb });
const sessionArb = fc.integer({ min: 1, max: 400 }).map((gapMs) => ({ type: 'session' as const, gapMs }));
const countArb = fc
  .record({
    size: fc.integer({ min: 1, max: 9 }),
    slide: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
  })
  .map(({ size, slide }) => ({ type: 'count' as const, size, ...(slide === undefined ? {} : { slide }) }));

type Event = { value: Reading; ts: number };

/** Sessions by brute force: per key, sorted timestamps split where consecutive ones are > gap apart. */
function bruteSessions(events: readonly Event[], gapMs: number): string[] {
  const out: string[] = [];
  for (const key of ['a', 'b', 'c']) {
    const mine = events.filter((e) => e.value.key === key).sort((x, y) => x.ts - y.ts);
    let group: Event[] = [];
    const flush = () => {
      if (group.length === 0) return;
      const start = group[0].ts;
      const end = group[group.length - 1].ts + gapMs;
      const values = group.map((e) => e.value.v).sort((x, y) => x - y);
      out.push(`${key}[${start},${end}):${values.join(',')}@${end - 1}`);
      group = [];
    };
    for (const e of mine) {
      if (group.length > 0 && e.ts - group[group.length - 1].ts > gapMs) flush();
      group.push(e);
    }
    flush();
  }
  return out.sort();
}

/** Count windows by brute force: per key in arrival order, as Flink's countWindow(size[, slide]). */
function bruteCounts(events: readonly Event[], size: number, slide?: number): string[] {
  const out: string[] = [];
  for (const key of ['a', 'b', 'c']) {
    const mine = events.filter((e) => e.value.key === key);
    const windows: Event[][] = [];
    if (slide === undefined)
      for (let i = size; i <= mine.length; i += size) windows.push(mine.slice(i - size, i));
    else for (let i = slide; i <= mine.length; i += slide) windows.push(mine.slice(Math.max(0, i - size), i));
    windows.forEach((w, seq) => {
      const ts = w.map((e) => e.ts);
      const [start, end] = [Math.min(...ts), Math.max(...ts) + 1];
      out.push(`${key}[${start},${end})#${seq}:${w.map((e) => e.value.v).join(',')}@${end - 1}`);
    });
  }
  return out.sort();
}

/** Session results with each window's values sorted (merge order is by session start, not arrival). */
const sortedValues = (lines: string[]) =>
  lines
    .map((l) => {
      const [head, rest] = l.split(':');
      const [values, ts] = rest.split('@');
      const sorted =
        values === ''
          ? []
          : values
              .split(',')
              .map(Number)
              .sort((x, y) => x - y);
      return `${head}:${sorted.join(',')}@${ts}`;
    })
    .sort();

/** Runs the shared machine directly, advancing the watermark after every element as a source would. */
function runMachine(assigner: AnyWindowAssigner, events: readonly Event[], bound: number): string[] {
  const node = {
    kind: 'window',
    id: 1,
    name: 'w',
    inputs: [0],
    assigner,
    aggregate: joinValues,
  } as WindowNode;
  const machine = createWindowMachine(node, new CounterSet());
  const out: string[] = [];
  const emit = (value: unknown, ts: number) => out.push(`${value}@${ts}`);
  let maxTs = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    machine.element(e.value.key, e.value, e.ts, 0, 0, -1, emit);
    maxTs = Math.max(maxTs, e.ts);
    machine.advance(maxTs - bound - 1, emit);
  }
  machine.advance(Number.POSITIVE_INFINITY, emit);
  return out.sort();
}

describe('session merging and count windows (property-based)', () => {
  it('the machine merges sessions exactly as brute force predicts', () => {
    fc.assert(
      fc.property(inputArb, sessionArb, ({ bound, steps }, a) => {
        const events = readings(steps, bound);
        expect(sortedValues(runMachine(a, events, bound))).toEqual(bruteSessions(events, a.gapMs));
      }),
      { numRuns: 300 },
    );
  });

  it('the machine counts windows exactly as brute force predicts', () => {
    fc.assert(
      fc.property(inputArb, countArb, ({ bound, steps }, a) => {
        const events = readings(steps, bound);
        expect(runMachine(a, events, bound)).toEqual(bruteCounts(events, a.size, a.slide));
      }),
      { numRuns: 300 },
    );
  });

  it('the reference gives the brute-force sessions and count windows too', async () => {
    await fc.assert(
      fc.asyncProperty(inputArb, sessionArb, countArb, async ({ bound, steps }, s, c) => {
        const events = readings(steps, bound);
        const { outputs } = await runWindows(referenceEngine, events, { s, c }, { bound });
        expect(sortedValues(outputs.s)).toEqual(bruteSessions(events, s.gapMs));
        expect(outputs.c).toEqual(bruteCounts(events, c.size, c.slide));
      }),
      { numRuns: 60 },
    );
  });

  for (const [name, { engine }] of Object.entries(ENGINES)) {
    it(`${name} gives the reference's sessions and count windows`, async () => {
      await fc.assert(
        fc.asyncProperty(
          inputArb,
          sessionArb,
          countArb,
          fc.integer({ min: 1, max: 3 }),
          async ({ bound, steps }, s, c, parallelism) => {
            const events = readings(steps, bound);
            const expected = await runWindows(referenceEngine, events, { s, c }, { bound });
            const run = await runWindows(engine, events, { s, c }, { bound, config: { parallelism } });
            expect(run.outputs).toEqual(expected.outputs);
          },
        ),
        { numRuns: 12 },
      );
    });
  }
});

/**
 * Conformance for session, count and delta windows: on input without late events, every engine at
 * parallelism 1 and 2 produces exactly the reference execution's window results (bounds, contents in
 * arrival order, firing sequence numbers and timestamps), and drops nothing as late.
 */
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../engines/reference/engine.js';
import { ENGINES } from '../../engines/registry.js';
import type { AnyWindowAssigner } from '../../workloads/plan/index.js';
import { type Reading, readings, runWindows } from '../helpers/window-kinds-plan.js';

const bound = 200;
/** A deterministic walk: bursts of readings 0–40 ms apart, now and then a pause of 1–3 s. */
function steps(n: number) {
  let s = 7;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return Array.from({ length: n }, () => ({
    gap: rand() < 0.03 ? 1000 + Math.floor(rand() * 2000) : Math.floor(rand() * 40),
    back: rand(),
    key: ['a', 'b', 'c'][Math.floor(rand() * 3)],
  }));
}
const events = readings(steps(3000), bound);

const windows: Record<string, AnyWindowAssigner> = {
  session: { type: 'session', gapMs: 500 },
  count: { type: 'count', size: 7 },
  countSliding: { type: 'count', size: 10, slide: 3 },
  delta: {
    type: 'delta',
    threshold: 40,
    delta: (ref, el) => Math.abs((el as Reading).v - (ref as Reading).v),
  },
};

describe('conformance: session, count and delta windows match the reference', async () => {
  const reference = await runWindows(referenceEngine, events, windows, { bound });

  it('the reference produces every kind of window (the oracle is not empty)', () => {
    expect(reference.outputs.session.length).toBeGreaterThan(20);
    const perKey = ['a', 'b', 'c'].map((k) => events.filter((e) => e.value.key === k).length);
    // Only full windows fire: a key's last, partial window never does (a GlobalWindow never ends).
    expect(reference.outputs.count.length).toBe(perKey.reduce((n, k) => n + Math.floor(k / 7), 0));
    expect(reference.outputs.countSliding.length).toBeGreaterThan(900);
    expect(reference.outputs.delta.length).toBeGreaterThan(50);
  });

  for (const [name, { engine }] of Object.entries(ENGINES)) {
    for (const parallelism of [1, 2]) {
      it(`${name} (parallelism ${parallelism})`, async () => {
        const run = await runWindows(engine, events, windows, { bound, config: { parallelism } });
        for (const w of Object.keys(windows)) expect(run.outputs[w], w).toEqual(reference.outputs[w]);
        expect(run.report.counters['window.lateDropped'] ?? 0).toBe(0);
      });
    }
  }
});

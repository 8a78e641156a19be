/**
 * The price-alert workload: warnings are delta windows (each at least the threshold away from its
 * reference, and each reference the previous warning's price), warning counts add up to the warnings
 * per product, sessions are separated by more than the gap; and every engine at parallelism 1 and 2
 * produces exactly the reference execution's outputs.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';
import type { Engine } from '../../engines/contract.js';
import { referenceEngine } from '../../engines/reference/engine.js';
import { ENGINES } from '../../engines/registry.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { AlertsConfig } from '../../workloads/alerts/config.js';
import { alertFigures } from '../../workloads/alerts/figures.js';
import { buildAlertsPlan } from '../../workloads/alerts/plan.js';
import type { ActivitySession, PriceWarning, WarningCount } from '../../workloads/alerts/records.js';
import { workload } from '../../workloads/registry.js';
import { type Collected, collectSink } from '../helpers/collect-sink.js';
import { tinyMarket } from '../helpers/tiny-market.js';

const cfg = {
  ...AlertsConfig.parse({ thresholdPct: 0.2, countWindowMs: 5_000, sessionGapMs: 40 }),
  maxOutOfOrdernessMs: 100,
};
const events = tinyMarket(20_000);

async function runAlerts(engine: Engine, events: readonly Timestamped<MarketEvent>[], config = {}) {
  const sinks = { warnings: collectSink(), warningCounts: collectSink(), sessions: collectSink() };
  await engine.run({
    plan: buildAlertsPlan(cfg),
    sources: { market: [new OpenLoopSource(new ArrayInput(events), { mode: 'unpaced' }, 0)] },
    sinks,
    clock: systemClock,
    config,
  });
  const lines = (out: Collected<unknown>[]) => out.map((o) => `${o.id}\t${JSON.stringify(o.value)}`).sort();
  return {
    warnings: sinks.warnings.out.map((o) => o.value as PriceWarning),
    counts: sinks.warningCounts.out.map((o) => o.value as WarningCount),
    sessions: sinks.sessions.out.map((o) => o.value as ActivitySession),
    lines: { w: lines(sinks.warnings.out), c: lines(sinks.warningCounts.out), s: lines(sinks.sessions.out) },
  };
}

describe('price alerts', async () => {
  const reference = await runAlerts(referenceEngine, events);

  it('raises warnings only on moves of at least the threshold, each from the last warning’s price', () => {
    expect(reference.warnings.length).toBeGreaterThan(20);
    for (const product of new Set(reference.warnings.map((w) => w.product))) {
      const mine = reference.warnings.filter((w) => w.product === product).sort((a, b) => a.seq - b.seq);
      mine.forEach((w, i) => {
        expect(w.seq).toBe(i);
        expect(Math.abs(w.movePct)).toBeGreaterThan(cfg.thresholdPct);
        if (i > 0) expect(w.referencePrice).toBe(mine[i - 1].price);
      });
    }
  });

  it('counts every warning in exactly one tumbling window of its product', () => {
    const counted = reference.counts.reduce((n, c) => n + c.warnings, 0);
    expect(counted).toBe(reference.warnings.length);
    for (const c of reference.counts) expect(c.end - c.start).toBe(cfg.countWindowMs);
  });

  it('splits trading into sessions more than the gap apart, per product', () => {
    expect(reference.sessions.length).toBeGreaterThan(10);
    for (const product of new Set(reference.sessions.map((s) => s.product))) {
      const mine = reference.sessions.filter((s) => s.product === product).sort((a, b) => a.start - b.start);
      for (let i = 1; i < mine.length; i++) expect(mine[i].start).toBeGreaterThan(mine[i - 1].end);
      for (const s of mine) expect(s.end - s.start - cfg.sessionGapMs).toBe(s.lengthMs);
    }
    const figures = alertFigures({ sessions: reference.sessions, warnings: reference.warnings });
    expect(figures.sessions).toBe(reference.sessions.length);
    expect(figures.warnings).toBe(reference.warnings.length);
  });

  it('is registered, with one model and its window outputs timed', () => {
    const spec = workload('alerts');
    expect(spec.models).toEqual(['rules']);
    expect(spec.latencyOutputs).toEqual(['warnings', 'warningCounts', 'sessions']);
    expect(() => spec.build({}, 'linear', 1)).toThrow(/one model, "rules"/);
  });

  for (const [name, { engine }] of Object.entries(ENGINES)) {
    for (const parallelism of [1, 2]) {
      it(`${name} (parallelism ${parallelism}) gives the reference's outputs`, async () => {
        const run = await runAlerts(engine, events, { parallelism });
        expect(run.lines).toEqual(reference.lines);
      });
    }
  }
});

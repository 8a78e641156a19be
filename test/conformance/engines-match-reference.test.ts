/**
 * Conformance: on the same plan, seed and data, in a failure-free run on input with no event later
 * than the watermark bound, every engine's outputs (features, predictions, scored predictions) are
 * the same multiset as the single-threaded reference execution's. Order may differ (engines run
 * keys in parallel), so outputs are compared sorted by id.
 */
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../engines/reference/engine.js';
import { ENGINES } from '../../engines/registry.js';
import { runCrypto } from '../helpers/run-plan.js';
import { tinyMarket } from '../helpers/tiny-market.js';

const events = tinyMarket(20_000); // 100 s of event time, 3 products, in event-time order

describe('conformance: engines match the reference execution', async () => {
  const reference = await runCrypto(referenceEngine, events);

  it('the reference produces outputs at all (the oracle is not empty)', () => {
    expect(reference.outputs.features.length).toBe(300);
    expect(reference.outputs.scored.length).toBe(297);
  });

  for (const [name, { engine }] of Object.entries(ENGINES)) {
    for (const parallelism of [1, 2, 3]) {
      it(`${name} (parallelism ${parallelism}) matches the reference`, async () => {
        const run = await runCrypto(engine, events, { config: { parallelism } });
        expect(run.outputs.features).toEqual(reference.outputs.features);
        expect(run.outputs.predictions).toEqual(reference.outputs.predictions);
        expect(run.outputs.scored).toEqual(reference.outputs.scored);
        expect(run.report.counters['window.lateDropped'] ?? 0).toBe(0);
      });
    }
  }
});

import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { flinkEngine } from '../../engines/flink/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { buildCryptoPlan } from '../../workloads/crypto/plan.js';
import type { Prediction, Scored } from '../../workloads/crypto/records.js';
import { collectSink } from '../helpers/collect-sink.js';
import { tinyMarket } from '../helpers/tiny-market.js';

describe('workloads/crypto: the predictor plan on the Flink-style engine', () => {
  it('predicts every window after the first and scores each against the next window', async () => {
    const events = tinyMarket(6000); // 30 s of event time, 3 products
    const cfg = CryptoConfig.parse({});
    const sinks = {
      features: collectSink(),
      predictions: collectSink<Prediction>(),
      scored: collectSink<Scored>(),
    };
    await flinkEngine.run({
      plan: buildCryptoPlan(cfg, 'linear', 7),
      sources: { market: [new OpenLoopSource(new ArrayInput(events), { mode: 'unpaced' }, 0)] },
      sinks,
      clock: systemClock,
      config: {},
    });
    expect(sinks.features.out.length).toBe(3 * 30);
    expect(sinks.predictions.out.length).toBe(3 * 30);
    // Each product's last prediction targets a window that never comes.
    expect(sinks.scored.out.length).toBe(3 * 29);
    for (const s of sinks.scored.out) expect(Number.isFinite(s.value.actual)).toBe(true);
  });
});

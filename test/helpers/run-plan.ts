import { ArrayInput } from '../../datasets/array-input.js';
import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';
import type { Engine } from '../../engines/contract.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { CryptoConfig, type ModelName } from '../../workloads/crypto/config.js';
import { buildCryptoPlan } from '../../workloads/crypto/plan.js';
import { collectSink } from './collect-sink.js';

/** Runs the crypto predictor on an engine and returns each sink's outputs as sorted `id\tjson` lines. */
export async function runCrypto(
  engine: Engine,
  events: readonly Timestamped<MarketEvent>[],
  options: { model?: ModelName; config?: Record<string, unknown>; seed?: number } = {},
) {
  const sinks = { features: collectSink(), predictions: collectSink(), scored: collectSink() };
  const report = await engine.run({
    plan: buildCryptoPlan(CryptoConfig.parse({}), options.model ?? 'linear', options.seed ?? 7),
    sources: { market: [new OpenLoopSource(new ArrayInput(events), { mode: 'unpaced' }, 0)] },
    sinks,
    clock: systemClock,
    config: options.config ?? {},
  });
  const lines = (name: keyof typeof sinks) =>
    sinks[name].out.map((o) => `${o.id}\t${JSON.stringify(o.value)}`).sort();
  return {
    report,
    outputs: { features: lines('features'), predictions: lines('predictions'), scored: lines('scored') },
  };
}

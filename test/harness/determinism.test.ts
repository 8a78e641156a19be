/**
 * The determinism promise of the results JSON: the same config and seed give the same predictions and
 * accuracy figures, run after run and on every engine (failure-free). Runs go through `runOne`, the path
 * `flinkcoin bench` takes, unpaced so the test is quick.
 */
import { describe, expect, it } from 'vitest';
import { ENGINE_NAMES } from '../../engines/registry.js';
import { RunConfig } from '../../harness/config/schema.js';
import type { CompletedRun, RunResult } from '../../harness/results/schema.js';
import { runOne } from '../../harness/run/run-one.js';

function configFor(seed: number): RunConfig {
  return RunConfig.parse({
    seed,
    data: { generator: { messages: 40_000 } },
    driver: { pacing: 'unpaced', warmupMs: 0 },
    isolation: 'in-process',
  });
}

function completed(r: RunResult): CompletedRun {
  if (r.state !== 'completed') throw new Error(`${r.engine} × ${r.model} errored: ${r.error.message}`);
  return r;
}

async function deterministicOf(seed: number, engine: string, model: string) {
  return completed(await runOne(configFor(seed), engine, model, { process: 'in-process' })).deterministic;
}

describe('same config and seed → same predictions and accuracy', () => {
  it('twice on the Flink-style engine: identical output digests and accuracy figures', async () => {
    const first = await deterministicOf(7, 'flink', 'linear');
    const second = await deterministicOf(7, 'flink', 'linear');
    expect(first.outputs.predictions.count).toBeGreaterThan(50);
    expect(first.delivery).toEqual({
      predictionsMissing: 0,
      predictionsDuplicated: 0,
      scoredMissing: 0,
      scoredDuplicated: 0,
    });
    expect(second).toEqual(first);
  });

  it('a different seed gives different predictions (the digest is not a constant)', async () => {
    const a = await deterministicOf(7, 'flink', 'linear');
    const b = await deterministicOf(8, 'flink', 'linear');
    expect(b.outputs.predictions.sha256).not.toBe(a.outputs.predictions.sha256);
  });

  // LSTM included: its training is synchronous and single-threaded (wasm), so it is identical too.
  const others = ENGINE_NAMES.filter((e) => e !== 'flink');
  it.each(['linear', 'sgd', 'lstm'].flatMap((model) => others.map((engine) => [engine, model])))(
    '%s gives the same %s predictions and accuracy as flink',
    async (engine, model) => {
      const flink = await deterministicOf(7, 'flink', model);
      const other = await deterministicOf(7, engine, model);
      expect(flink.outputs.predictions.count).toBeGreaterThan(50);
      expect(other).toEqual(flink);
    },
  );

  it('reports the linear model beside the persistence baseline, with skill = 1 − RMSE/RMSE_baseline', async () => {
    const { accuracy } = await deterministicOf(7, 'flink', 'linear');
    const { model, baselines, skillVsPersistence } = accuracy;
    expect(model.count).toBeGreaterThan(50);
    expect(baselines.persistence.count).toBe(model.count);
    for (const f of [model, baselines.persistence]) {
      expect(f.rmse).toBeGreaterThan(0);
      expect(f.mae).toBeGreaterThan(0);
      expect(f.directionalAccuracy).toBeGreaterThanOrEqual(0);
      expect(f.directionalAccuracy).toBeLessThanOrEqual(1);
    }
    expect(skillVsPersistence).toBeCloseTo(1 - (model.rmse ?? 0) / (baselines.persistence.rmse ?? 1), 12);
  });
});

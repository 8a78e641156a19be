import { beforeAll, describe, expect, it } from 'vitest';
import { flinkEngine } from '../../engines/flink/engine.js';
import { sparkEngine } from '../../engines/spark/engine.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { prepareLstm } from '../../workloads/crypto/models/lstm/prepare.js';
import type { Prediction } from '../../workloads/crypto/records.js';
import { runCrypto } from '../helpers/run-plan.js';
import { tinyMarket } from '../helpers/tiny-market.js';

/** 200 s of event time, 3 products: enough windows for the LSTM to train several rounds. */
const events = tinyMarket(40_000);

describe('workloads/crypto: the sgd and lstm models through the plan, Flink-style vs Spark-style', () => {
  beforeAll(async () => {
    await prepareLstm('wasm', CryptoConfig.parse({}).lstm);
  });

  it.each(['sgd', 'lstm'] as const)(
    '%s: both engines give identical outputs on every sink',
    async (model) => {
      const flink = await runCrypto(flinkEngine, events, { model });
      const spark = await runCrypto(sparkEngine, events, { model });
      expect(flink.outputs.predictions.length).toBe(3 * 200);
      expect(spark.outputs).toEqual(flink.outputs);
      const predictions = flink.outputs.predictions.map(
        (line) => JSON.parse(line.split('\t')[1]) as Prediction,
      );
      expect(predictions.filter((p) => p.predicted !== 0).length).toBeGreaterThan(3 * 100);
      const maxAge = Math.max(...predictions.slice(-30).map((p) => p.modelAgeWindows));
      expect(maxAge).toBe(model === 'sgd' ? 0 : CryptoConfig.parse({}).lstm.trainEvery - 1);
    },
  );
});

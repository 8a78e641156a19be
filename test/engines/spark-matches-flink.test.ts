import { describe, expect, it } from 'vitest';
import { flinkEngine } from '../../engines/flink/engine.js';
import { sparkEngine } from '../../engines/spark/engine.js';
import { runCrypto } from '../helpers/run-plan.js';
import { tinyMarket } from '../helpers/tiny-market.js';

const events = tinyMarket(20_000); // 100 s of event time, 3 products, in event-time order

describe('engines/spark: the crypto predictor gives the Flink-style engine’s outputs', async () => {
  const flink = await runCrypto(flinkEngine, events);

  it('the oracle is not empty', () => {
    expect(flink.outputs.features.length).toBe(300);
    expect(flink.outputs.scored.length).toBeGreaterThan(290);
  });

  const cases: [string, Record<string, unknown>][] = [
    ['defaults: 20 000 events fit in one batch (maxRowsPerBatch), then the final no-data batch', {}],
    [
      'maxOffsetsPerTrigger 700, parallelism 3: windows fire across many batches',
      { maxOffsetsPerTrigger: 700, parallelism: 3 },
    ],
    ['maxOffsetsPerTrigger 2500, parallelism 1', { maxOffsetsPerTrigger: 2500, parallelism: 1 }],
    ['maxRowsPerBatch 6000: the backlog in batches of at most 6000 rows', { maxRowsPerBatch: 6000 }],
    [
      'the lower of maxOffsetsPerTrigger and maxRowsPerBatch caps a batch',
      { maxOffsetsPerTrigger: 9000, maxRowsPerBatch: 4000 },
    ],
  ];
  for (const [name, config] of cases) {
    it(name, async () => {
      const spark = await runCrypto(sparkEngine, events, { config });
      expect(spark.outputs.features).toEqual(flink.outputs.features);
      expect(spark.outputs.predictions).toEqual(flink.outputs.predictions);
      expect(spark.outputs.scored).toEqual(flink.outputs.scored);
      expect(spark.report.counters).toEqual(flink.report.counters);
      const cap = Math.min(
        (config.maxOffsetsPerTrigger as number | undefined) ?? Number.POSITIVE_INFINITY,
        (config.maxRowsPerBatch as number | undefined) ?? 65_536,
      );
      const dataBatches = Math.ceil(events.length / cap);
      expect(spark.report.metrics.batches - spark.report.metrics.noDataBatches).toBe(dataBatches);
      expect(spark.report.metrics.eventsIngested).toBe(events.length);
      // Two stages (source; everything keyed by product after the one shuffle): 1 + p tasks per batch.
      expect(spark.report.metrics.stages).toBe(2);
      const p = (config.parallelism as number | undefined) ?? 2;
      expect(spark.report.metrics.tasks).toBe(spark.report.metrics.batches * (1 + p));
      expect(spark.report.metrics.rowsShuffled).toBe(events.length);
    });
  }
});

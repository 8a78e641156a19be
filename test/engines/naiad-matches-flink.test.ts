/**
 * The crypto predictor on the Naiad-style engine gives the Flink-style engine's outputs (ids and
 * values of all three sinks, as multisets) and counters on input with no late events, whatever the
 * workers, progress mode, epoch length, buffer size or input batch; and the run's metrics show the
 * mechanism at work (Exchange channels, progress batches, notifications, epochs).
 */
import { describe, expect, it } from 'vitest';
import { flinkEngine } from '../../engines/flink/engine.js';
import { naiadEngine } from '../../engines/naiad/engine.js';
import { runCrypto } from '../helpers/run-plan.js';
import { tinyMarket } from '../helpers/tiny-market.js';

const events = tinyMarket(20_000); // 100 s of event time, 3 products, in event-time order

describe('engines/naiad: the crypto predictor gives the Flink-style engine’s outputs', async () => {
  const flink = await runCrypto(flinkEngine, events);

  it('the oracle is not empty', () => {
    expect(flink.outputs.features.length).toBe(300);
    expect(flink.outputs.scored.length).toBeGreaterThan(290);
  });

  const cases: [string, Record<string, unknown>][] = [
    ['defaults: 2 workers, Demand progress, 1 s epochs', {}],
    ['1 worker', { parallelism: 1 }],
    ['3 workers, Eager progress', { parallelism: 3, progressMode: 'eager' }],
    [
      '250 ms epochs (4 per window), 1 KiB buffers, 100-record input batches',
      { epochMs: 250, bufferBytes: 1024, inputBatchSize: 100 },
    ],
  ];
  for (const [name, config] of cases) {
    it(name, async () => {
      const naiad = await runCrypto(naiadEngine, events, { config });
      expect(naiad.outputs.features).toEqual(flink.outputs.features);
      expect(naiad.outputs.predictions).toEqual(flink.outputs.predictions);
      expect(naiad.outputs.scored).toEqual(flink.outputs.scored);
      expect(naiad.report.counters).toEqual(flink.report.counters);
      const m = naiad.report.metrics;
      const workers = (config.parallelism as number | undefined) ?? 2;
      expect(m.workers).toBe(workers);
      expect(m.eventsIngested).toBe(events.length);
      expect(m.epochMs).toBe((config.epochMs as number | undefined) ?? 1000);
      // The input advanced through every epoch of the 100 s of data, and windows fired by notification.
      const epochsOfData = Math.floor(100_000 / m.epochMs);
      expect(m.epochAdvances).toBeGreaterThanOrEqual(epochsOfData);
      expect(m.notificationsDelivered).toBeGreaterThanOrEqual(100); // 100 windows per product
      expect(m.progressBatchesSent).toBeGreaterThan(0);
      expect(m.recordsBehindEpoch).toBe(0);
      // Every event crosses the exchange after the source; with one worker it never leaves it.
      if (workers === 1) expect(m.recordsExchanged).toBe(0);
      else expect(m.recordsExchanged).toBeGreaterThan(events.length / workers / 2);
    });
  }
});

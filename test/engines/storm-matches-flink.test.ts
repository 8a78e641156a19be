/**
 * With no failures, the Storm-style engine's outputs on the crypto predictor are the Flink-style
 * engine's, whatever the topology's shape (parallelism, workers and ackers, batching, reliability off,
 * stateful bolts): the acking machinery changes when and how often work is done, never what.
 */
import { describe, expect, it } from 'vitest';
import { flinkEngine } from '../../engines/flink/engine.js';
import { stormEngine } from '../../engines/storm/engine.js';
import { runCrypto } from '../helpers/run-plan.js';
import { tinyMarket } from '../helpers/tiny-market.js';

const events = tinyMarket(20_000); // 100 s of event time, 3 products, in event-time order

describe('engines/storm: the crypto predictor gives the Flink-style engine’s outputs', async () => {
  const flink = await runCrypto(flinkEngine, events);

  it('the oracle is not empty', () => {
    expect(flink.outputs.features.length).toBe(300);
    expect(flink.outputs.scored.length).toBeGreaterThan(290);
  });

  const cases: [string, Record<string, unknown>][] = [
    ['defaults: parallelism 2, one worker, one acker', {}],
    ['parallelism 1', { parallelism: 1 }],
    ['parallelism 3, 2 workers (remote transfers, 2 ackers)', { parallelism: 3, workers: 2 }],
    [
      'producer and transfer batches of 64 with a 1 ms flush, small receive queues',
      { producerBatchSize: 64, transferBatchSize: 64, workers: 2, receiveBufferSize: 256 },
    ],
    ['reliability off (ackers 0)', { ackers: 0 }],
    ['stateful bolts checkpointing every 100 ms', { stateful: { checkpointIntervalMs: 100 } }],
  ];
  for (const [name, config] of cases) {
    it(name, async () => {
      const storm = await runCrypto(stormEngine, events, { config });
      expect(storm.outputs.features).toEqual(flink.outputs.features);
      expect(storm.outputs.predictions).toEqual(flink.outputs.predictions);
      expect(storm.outputs.scored).toEqual(flink.outputs.scored);
      expect(storm.report.counters).toEqual(flink.report.counters);
      const m = storm.report.metrics;
      expect(m.eventsIngested).toBe(events.length);
      expect(m.spoutEmitted).toBe(events.length);
      expect(m.ackedTrees).toBe(events.length);
      expect(m.replayedTuples + m.failedTrees + m.timedOutTrees).toBe(0);
      const tracked = config.ackers !== 0;
      // Every event's tree: __ack_init, the book's ack, the window's ack on firing, and more.
      if (tracked) expect(m.ackerMessages).toBeGreaterThan(3 * events.length);
      else expect(m.ackerMessages).toBe(0);
      if (config.workers === 2) expect(m.remoteTuples).toBeGreaterThan(0);
      if (config.stateful) expect(m.checkpointsCommitted).toBeGreaterThan(0);
    });
  }
});

/**
 * Naiad's fault tolerance: periodic global checkpoints of all operator state, and on a worker failure
 * (the `failAtEvent` hook) a rollback of every worker to the last checkpoint with the input replayed
 * from its position there. Outputs are committed at checkpoints, so the run with a failure writes
 * exactly what a failure-free run writes, once each. Without checkpoints (Rust timely) the failure
 * fails the run.
 */
import { describe, expect, it } from 'vitest';
import { naiadEngine } from '../../engines/naiad/engine.js';
import { WorkerFailure } from '../../engines/naiad/fault.js';
import { runCrypto } from '../helpers/run-plan.js';
import { tinyMarket } from '../helpers/tiny-market.js';

const events = tinyMarket(20_000); // 100 s of event time: 100 epochs of 1 s

describe('engines/naiad checkpoints: global checkpoint and rollback, exactly once', async () => {
  const failureFree = await runCrypto(naiadEngine, events);

  it('checkpointing alone changes no output, and takes checkpoints as epochs complete', async () => {
    const run = await runCrypto(naiadEngine, events, { config: { checkpoint: { everyEpochs: 5 } } });
    expect(run.outputs).toEqual(failureFree.outputs);
    expect(run.report.counters).toEqual(failureFree.report.counters);
    // The initial checkpoint and at least one periodic one (unpaced input runs ahead of the frontier,
    // so one drain completes many epochs at once).
    expect(run.report.metrics.checkpoints).toBeGreaterThanOrEqual(2);
    expect(run.report.metrics.checkpointBytes).toBeGreaterThan(1000);
    expect(run.report.metrics.rollbacks).toBe(0);
  });

  const failures: [string, Record<string, unknown>, (replayed: number) => void][] = [
    [
      'a failure after a periodic checkpoint replays only the input since it',
      { checkpoint: { everyEpochs: 5 }, failAtEvent: 12_000 },
      (replayed) => {
        expect(replayed).toBeGreaterThan(0);
        expect(replayed).toBeLessThan(12_000);
      },
    ],
    [
      'a failure before the first periodic checkpoint replays from the start',
      { checkpoint: { everyEpochs: 50 }, failAtEvent: 300 },
      (replayed) => expect(replayed).toBeGreaterThanOrEqual(300),
    ],
    [
      '3 workers, Eager progress, a checkpoint every epoch',
      { parallelism: 3, progressMode: 'eager', checkpoint: { everyEpochs: 1 }, failAtEvent: 15_000 },
      (replayed) => expect(replayed).toBeGreaterThan(0),
    ],
  ];
  for (const [name, config, checkReplay] of failures) {
    it(name, async () => {
      const run = await runCrypto(naiadEngine, events, { config });
      // Sorted id + value lines: a duplicate or a missing output would show.
      expect(run.outputs).toEqual(failureFree.outputs);
      // Counters are state too: rolled back with the operators.
      expect(run.report.counters).toEqual(failureFree.report.counters);
      expect(run.report.metrics.rollbacks).toBe(1);
      checkReplay(run.report.metrics.eventsIngested - events.length);
    });
  }

  it('without checkpoints (Rust timely) a worker failure fails the run', async () => {
    const run = runCrypto(naiadEngine, events, { config: { failAtEvent: 5000 } });
    await expect(run).rejects.toBeInstanceOf(WorkerFailure);
    await expect(run).rejects.toMatchObject({ retriable: true, atEvent: 5000 });
  });
});

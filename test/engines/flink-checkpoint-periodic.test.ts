/**
 * Periodic checkpoints on the crypto workload: during a paced run checkpoints complete every interval,
 * and a final one when the job ends (FLIP-147), each written as one checksummed file atomically, the
 * newest `checkpointsRetained` kept; each holds the source's reader position and every stateful
 * operator's state; and checkpointing does not change the outputs.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { CompletedCheckpoint } from '../../engines/flink/checkpoint/snapshot.js';
import { flinkEngine } from '../../engines/flink/engine.js';
import { unframe } from '../../engines/shared/durable-store.js';
import { decodeSnapshot } from '../../engines/shared/snapshot-codec.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { buildCryptoPlan } from '../../workloads/crypto/plan.js';
import { collectSink } from '../helpers/collect-sink.js';
import { runCrypto } from '../helpers/run-plan.js';
import { tinyMarket } from '../helpers/tiny-market.js';

const events = tinyMarket(10_000); // 10 003 events, 50 s of event time
const dir = mkdtempSync(join(tmpdir(), 'flink-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The crypto plan at 10 000 events/s (about one second of wall time), checkpointing every 100 ms. */
async function pacedRun() {
  const sinks = { features: collectSink(), predictions: collectSink(), scored: collectSink() };
  const report = await flinkEngine.run({
    plan: buildCryptoPlan(CryptoConfig.parse({}), 'linear', 7),
    sources: {
      market: [
        new OpenLoopSource(new ArrayInput(events), { mode: 'rate', eventsPerSec: 10_000 }, systemClock.now()),
      ],
    },
    sinks,
    clock: systemClock,
    config: {
      checkpointIntervalMs: 100,
      checkpointStorage: dir,
      checkpointsRetained: 3,
      restartStrategy: 'none',
    },
  });
  const lines = (name: keyof typeof sinks) =>
    sinks[name].out.map((o) => `${o.id}\t${JSON.stringify(o.value)}`).sort();
  return {
    report,
    outputs: { features: lines('features'), predictions: lines('predictions'), scored: lines('scored') },
  };
}

describe('engines/flink: periodic checkpoints', async () => {
  const run = await pacedRun();
  const completed = run.report.metrics['checkpoints.completed'];
  const files = readdirSync(dir).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const checkpoints = files.map((f) =>
    decodeSnapshot<CompletedCheckpoint>(unframe(readFileSync(join(dir, f), 'utf8'))!),
  );

  it('completes a checkpoint about every interval and keeps the newest three, one file each, no temp files', () => {
    expect(completed).toBeGreaterThanOrEqual(4); // ~9 in one second; generous for a loaded machine
    expect(files).toEqual([completed - 2, completed - 1, completed].map((id) => `chk-${id}.json`));
    expect(checkpoints.map((c) => c.id)).toEqual([completed - 2, completed - 1, completed]);
    // The periodic ones an interval apart; the last is the job's final checkpoint (FLIP-147), taken when
    // every task has finished, at the end of the input.
    for (let i = 1; i < checkpoints.length - 1; i++) {
      expect(checkpoints[i].triggeredAt - checkpoints[i - 1].triggeredAt).toBeGreaterThanOrEqual(100);
    }
    expect((checkpoints.at(-1)!.tasks['market[0]'].input as { position: number }).position).toBe(
      events.length,
    );
    for (const c of checkpoints) {
      expect(c.mode).toBe('EXACTLY_ONCE');
      expect(c.completedAt).toBeGreaterThanOrEqual(c.triggeredAt);
    }
    expect(run.report.metrics['checkpoints.durationMsMax']).toBeGreaterThan(0);
    expect(run.report.metrics['checkpoints.sizeBytesMax']).toBeGreaterThan(1000);
    expect(run.report.metrics.restarts).toBe(0);
  });

  it("holds the source's reader position and the state of every stateful operator of every subtask", () => {
    let previous = 0;
    for (const c of checkpoints) {
      expect(Object.keys(c.tasks).sort()).toEqual([
        'book[0]',
        'book[1]',
        'market[0]',
        'score[0]',
        'score[1]',
      ]);
      const position = (c.tasks['market[0]'].input as { position: number }).position;
      expect(position).toBeGreaterThanOrEqual(previous);
      expect(position).toBeLessThanOrEqual(events.length);
      previous = position;
      const chain = ['book', 'bars', 'features', 'model', 'sink(features)', 'sink(predictions)'];
      const products = new Set<string>();
      for (const task of ['book[0]', 'book[1]']) {
        const ops = c.tasks[task].operators as Record<string, Record<string, unknown>>;
        expect(Object.keys(ops).sort()).toEqual([...chain].sort());
        const book = ops.book.state as [string, [string, unknown][]][];
        for (const [product, entries] of book) {
          products.add(product);
          expect(entries.map(([name]) => name)).toContain('book');
        }
        expect(ops.bars).toHaveProperty('panes');
        expect(ops.bars).toHaveProperty('timers');
        expect(typeof ops.bars.watermark).toBe('number');
        expect(typeof ops['sink(features)'].written).toBe('number');
      }
      expect([...products].sort()).toEqual(['AAA-USD', 'BBB-USD', 'CCC-USD']);
      expect(Object.keys(c.tasks['score[0]'].operators).sort()).toEqual(['score', 'sink(scored)']);
    }
    // Every open window pane has the timer that will fire it.
    for (const c of checkpoints) {
      for (const task of ['book[0]', 'book[1]']) {
        const bars = c.tasks[task].operators.bars as { panes: [string, unknown[]][]; timers: unknown[] };
        expect(bars.panes.reduce((n, [, panes]) => n + panes.length, 0)).toBe(bars.timers.length);
      }
    }
  });

  it('does not change what the job computes', async () => {
    const plain = await runCrypto(flinkEngine, events);
    expect(run.outputs).toEqual(plain.outputs);
    expect(plain.outputs.features.length).toBeGreaterThan(100);
  });
});

/**
 * The Flink-style engine's exactly-once path: EXACTLY_ONCE checkpoints and writers with
 * commitTransaction make its sinks two-phase-commit sinks. Checked against the failure-free outputs of
 * the plain write path (test/helpers/exactly-once-job.ts):
 *   - in one process, with an injected task failure and restart: the committed transactions are the
 *     failure-free outputs, each once, with their event times; the restored checkpoint's transactions
 *     are committed again and the writer ignores them (same records: the same transaction);
 *   - across processes: a worker SIGKILLed twice mid-run and started again on the same state directory
 *     resumes from its newest checkpoint, and all transactions committed by all three processes
 *     together are exactly the failure-free outputs;
 *   - AT_LEAST_ONCE, or no checkpoints, keeps the plain write path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flinkEngine } from '../../engines/flink/engine.js';
import { referenceOutputs, runRecordingTransactions, SINKS } from '../helpers/exactly-once-job.js';
import { killAndResume } from '../helpers/kill-and-resume.js';
import { readCommitted } from '../helpers/txn-sink.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'flink-eo-'));
  dirs.push(d);
  return d;
};

const inProcess = (config: Record<string, unknown>, delayMs?: number) =>
  runRecordingTransactions(flinkEngine, config, delayMs);

describe('engines/flink: two-phase-commit sinks, exactly once', async () => {
  const reference = await referenceOutputs(flinkEngine);

  it('a task failure and restart: committed transactions = failure-free outputs; re-commits are the same transactions, ignored', async () => {
    const { report, sinks, events } = await inProcess(
      { checkpointIntervalMs: 100, failAtEvent: 5_000, exponentialDelayInitialBackoffMs: 20 },
      1, // commits settle asynchronously: the sink subtask waits for them
    );
    expect(report.metrics.restarts).toBe(1);
    const restoredId = report.metrics['checkpoints.lastRestoredId'];
    expect(restoredId).toBeGreaterThanOrEqual(1);
    expect(events).toEqual(['failed: injected task failure at source record 5000', `restored ${restoredId}`]);
    let recommits = 0;
    for (const name of SINKS) {
      const sink = sinks[name];
      expect(sink.lines()).toEqual(reference.lines[name]);
      expect(sink.conflicts).toBe(0);
      expect(sink.plainWrites).toBe(0);
      for (const [id, [ts]] of sink.stamps) expect(ts).toBe(reference.ts[name].get(id));
      recommits += sink.recommits;
    }
    // Every pending transaction of the restored checkpoint was committed again: all were there already.
    expect(recommits).toBeGreaterThan(0);
    expect(recommits).toBe(report.metrics['transactions.recommitted']);
    expect(report.metrics.sinkDuplicates).toBe(0);
    // One transaction per sink subtask and checkpoint, the last ones at the final checkpoint (FLIP-147).
    const completed = report.metrics['checkpoints.completed'];
    const committed = SINKS.reduce((n, name) => n + sinks[name].committed.size, 0);
    expect(committed).toBeGreaterThanOrEqual(2 * SINKS.length * completed - 2 * SINKS.length);
    expect(sinks.predictions.committed.has(`sink(predictions)[1]~${restoredId}`)).toBe(true);
  });

  it('AT_LEAST_ONCE or no checkpoints: the writers get plain writes, no transactions', async () => {
    for (const config of [{ checkpointIntervalMs: 100, checkpointingMode: 'AT_LEAST_ONCE' }, {}]) {
      const { report, sinks } = await inProcess(config);
      expect(sinks.predictions.plainWrites).toBe(reference.lines.predictions.length);
      expect(sinks.predictions.committed.size).toBe(0);
      expect(report.metrics['transactions.committed']).toBe(0);
    }
  });

  it('a worker SIGKILLed twice and restarted on its state directory: all committed transactions = failure-free outputs', async () => {
    const root = tempDir();
    const outDir = join(root, 'out');
    const { killed, report } = await killAndResume(
      {
        engine: 'flink',
        stateDir: join(root, 'state'),
        outDir,
        rate: 4_000,
        config: { checkpointIntervalMs: 150, checkpointsRetained: 2 },
      },
      [150, 300],
    );
    expect(killed).toBe(2);
    // The last process resumed from a checkpoint an earlier one stored.
    expect(report.restored).toHaveLength(1);
    expect(report.restored[0]).toBeGreaterThan(0);
    expect(report.metrics.restoredFromId).toBe(report.restored[0]);
    expect(report.plainWrites).toBe(0);
    for (const name of SINKS) expect(readCommitted(join(outDir, name)).lines).toEqual(reference.lines[name]);
  });
});

/**
 * The Naiad-style engine's exactly-once path: with global checkpoints on and writers with
 * commitTransaction, each checkpoint releases the outputs held before it as one transaction per output
 * ({task: "epoch-checkpoint", id: checkpoint id}), and the held outputs are part of the checkpoint.
 * Checked against the failure-free outputs of the plain write path (test/helpers/exactly-once-job.ts):
 *   - in one process, with an injected worker failure and rollback: the committed transactions are the
 *     failure-free outputs, each once, with their event times; the restored checkpoint's transaction is
 *     committed again and the writer ignores it (same records);
 *   - across processes: a worker SIGKILLed twice mid-run and started again on the same state directory
 *     resumes from its newest checkpoint, and all transactions committed by all three processes
 *     together are exactly the failure-free outputs;
 *   - without checkpoints (Rust timely) the writers get plain writes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { naiadEngine } from '../../engines/naiad/engine.js';
import { referenceOutputs, runRecordingTransactions, SINKS } from '../helpers/exactly-once-job.js';
import { killAndResume } from '../helpers/kill-and-resume.js';
import { readCommitted } from '../helpers/txn-sink.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const inProcess = (config: Record<string, unknown>, delayMs?: number) =>
  runRecordingTransactions(naiadEngine, config, delayMs);

describe('engines/naiad: checkpoint transactions, exactly once', async () => {
  const reference = await referenceOutputs(naiadEngine);

  it('a worker failure and rollback: committed transactions = failure-free outputs; re-commits are the same transactions, ignored', async () => {
    const { report, sinks, events } = await inProcess(
      { checkpoint: { everyEpochs: 10 }, failAtEvent: 5_000 },
      1, // commits settle asynchronously: the gate stalls the inputs until they do
    );
    expect(report.metrics.rollbacks).toBe(1);
    expect(events).toHaveLength(2);
    expect(events[0]).toBe('failed: injected worker failure at input event 5000');
    const restoredId = Number(events[1]!.replace('restored ', ''));
    expect(restoredId).toBeGreaterThanOrEqual(2); // a periodic checkpoint, not the initial one
    let recommits = 0;
    for (const name of SINKS) {
      const sink = sinks[name];
      expect(sink.lines()).toEqual(reference.lines[name]);
      expect(sink.conflicts).toBe(0);
      expect(sink.plainWrites).toBe(0);
      for (const [id, [ts]] of sink.stamps) expect(ts).toBe(reference.ts[name].get(id));
      // One transaction per checkpoint after the initial one, the restored one among them.
      expect(sink.committed.has(`epoch-checkpoint~${restoredId}`)).toBe(true);
      expect(sink.committed.size).toBe(report.metrics.checkpoints - 1);
      recommits += sink.recommits;
    }
    expect(recommits).toBe(SINKS.length); // the restored checkpoint's transaction, once per output
    expect(report.metrics['transactions.recommitted']).toBe(SINKS.length);
  });

  it('without checkpoints: plain writes, no transactions', async () => {
    const { report, sinks } = await inProcess({});
    expect(sinks.predictions.plainWrites).toBe(reference.lines.predictions.length);
    expect(sinks.predictions.committed.size).toBe(0);
    expect(report.metrics['transactions.committed']).toBe(0);
  });

  it('a worker SIGKILLed twice and restarted on its state directory: all committed transactions = failure-free outputs', async () => {
    const root = mkdtempSync(join(tmpdir(), 'naiad-eo-'));
    dirs.push(root);
    const outDir = join(root, 'out');
    const { killed, report } = await killAndResume(
      {
        engine: 'naiad',
        stateDir: join(root, 'state'),
        outDir,
        rate: 4_000,
        config: { checkpoint: { everyEpochs: 10, retained: 2 } },
      },
      [150, 300],
    );
    expect(killed).toBe(2);
    expect(report.restored).toHaveLength(1);
    expect(report.restored[0]).toBeGreaterThan(1);
    expect(report.metrics.restoredFromId).toBe(report.restored[0]);
    expect(report.plainWrites).toBe(0);
    for (const name of SINKS) expect(readCommitted(join(outDir, name)).lines).toEqual(reference.lines[name]);
  });
});

/**
 * The Spark-style engine's durable state and transactional sink path (issue 6): with the job's stateDir
 * as checkpointLocation, a query killed mid-run and started again in a new process (or a new engine
 * instance) resumes from its logs, reruns its uncommitted batch with the same offsets and watermark,
 * and hands each batch to a transactional writer as one transaction {task: "batch", id}: the union of
 * committed transactions equals the failure-free run's outputs, with nothing lost or duplicated.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SinkWriter } from '../../engines/contract.js';
import { sparkEngine } from '../../engines/spark/engine.js';
import {
  cryptoJob,
  forkResumableWorker,
  OUTPUTS,
  type WorkerJob,
  type WorkerMessage,
} from '../helpers/resumable-worker.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { outputLines, readDelivered, transactionLog } from '../helpers/transaction-log.js';

const generator = { messages: 12_000, messagesPerSecond: 100, seed: 5 };
const unpaced = { mode: 'unpaced' } as const;
// Many small batches, snapshots every 3 versions, 4 batches retained: purges and fallbacks happen.
const knobs = { maxOffsetsPerTrigger: 500, minDeltasForSnapshot: 3, minBatchesToRetain: 4 };

const tempDir = tempDirs('spark-durable-');

/** A transaction's records in id order: a rerun batch's rows may come out of its partitions in another order. */
const sorted = (records: readonly [string, string][]) => [...records].sort((a, b) => (a[0] < b[0] ? -1 : 1));

function transactionalSinks() {
  return Object.fromEntries(OUTPUTS.map((o) => [o, transactionLog()])) as Record<
    (typeof OUTPUTS)[number],
    ReturnType<typeof transactionLog>
  >;
}

/** Runs in this process on `stateDir`; `wrap` may replace a writer (to crash in it). */
function runHere(
  stateDir: string,
  sinks: Record<string, SinkWriter>,
  opts: { signal?: AbortSignal; restored?: (id: number | null) => void } = {},
) {
  return sparkEngine.run({
    ...cryptoJob({ generator, pacing: unpaced }),
    sinks,
    config: knobs,
    stateDir,
    signal: opts.signal,
    recovery: { stateRestored: (_at, id) => opts.restored?.(id) },
  });
}

describe('engines/spark: durable checkpointLocation in the stateDir, batches as transactions', async () => {
  const reference = transactionalSinks();
  const referenceReport = await runHere(tempDir(), reference);
  const expected = Object.fromEntries(OUTPUTS.map((o) => [o, outputLines(reference[o].delivered)]));

  it('the failure-free run commits one transaction per batch with outputs, each id once', () => {
    expect(expected.features.length).toBeGreaterThan(300);
    expect(expected.scored.length).toBeGreaterThan(300);
    const m = referenceReport.metrics;
    expect(m['transactions.committed']).toBe(
      OUTPUTS.reduce((n, o) => n + reference[o].delivered.committed.size, 0),
    );
    expect(m.restoredFromId).toBe(-1);
    for (const o of OUTPUTS) {
      const ids = expected[o].map((l) => l.split('\t')[0]);
      expect(new Set(ids).size).toBe(ids.length);
      expect(reference[o].delivered.writes).toEqual([]);
      for (const key of reference[o].delivered.committed.keys()) expect(key).toMatch(/^batch\/\d+$/);
    }
  });

  it('re-commits a batch committed before the crash with the same records; the writer must ignore it', async () => {
    const dir = tempDir();
    const sinks = transactionalSinks();
    // The process dies right after the 12th features transaction became visible, before the engine
    // heard back: the batch's other sinks, its sink log and its commit log are not written.
    const features = sinks.features;
    const crashing: SinkWriter = {
      write: features.write,
      commitTransaction(txn, records) {
        features.commitTransaction!(txn, records);
        if (features.delivered.committed.size === 12) throw new Error('crash after commit');
      },
    };
    await expect(runHere(dir, { ...sinks, features: crashing })).rejects.toThrow('crash after commit');
    const crashedBatch = Number([...features.delivered.committed.keys()].at(-1)!.split('/')[1]);

    const restored: (number | null)[] = [];
    const report = await runHere(dir, sinks, { restored: (id) => restored.push(id) });
    expect(restored).toEqual([crashedBatch - 1]);
    expect(report.metrics.restoredFromId).toBe(crashedBatch - 1);
    expect(report.metrics.rerunBatches).toBe(1);
    // The rerun batch came again as the same transaction with exactly the same records ...
    expect(features.delivered.recommits.map((r) => r.key)).toEqual([`batch/${crashedBatch}`]);
    expect(sorted(features.delivered.recommits[0].records)).toEqual(
      sorted(features.delivered.committed.get(`batch/${crashedBatch}`)!),
    );
    expect(sinks.predictions.delivered.recommits).toEqual([]); // never committed before the crash
    // ... which a writer that did not check TransactionIds would have written twice.
    expect(features.delivered.recommits[0].records.length).toBeGreaterThan(0);
    for (const o of OUTPUTS) expect(outputLines(sinks[o].delivered)).toEqual(expected[o]);
  });

  it('skips a torn commit-log entry and a corrupt state snapshot, falling back to the previous ones', async () => {
    const dir = tempDir();
    const sinks = transactionalSinks();
    const abort = new AbortController();
    const scored = sinks.scored;
    const crashing: SinkWriter = {
      write: scored.write,
      commitTransaction(txn, records) {
        scored.commitTransaction!(txn, records);
        if (scored.delivered.committed.size === 15) abort.abort('crash');
      },
    };
    await expect(runHere(dir, { ...sinks, scored: crashing }, { signal: abort.signal })).rejects.toThrow();
    const numbered = (sub: string, re: RegExp) =>
      readdirSync(join(dir, sub))
        .map((n) => re.exec(n))
        .filter((m) => m !== null)
        .map((m) => Number(m[1]))
        .sort((a, b) => a - b);
    const lastCommit = numbered('commits', /^(\d+)$/).at(-1)!;
    // Tear the newest commit entry (half of it), and flip a byte of the newest snapshot it would load.
    const commitPath = join(dir, 'commits', String(lastCommit));
    const text = readFileSync(commitPath);
    writeFileSync(commitPath, text.subarray(0, text.length >> 1));
    const snapshot = numbered('state', /^(\d+)\.snapshot$/)
      .filter((v) => v <= lastCommit)
      .at(-1)!;
    const snapshotPath = join(dir, 'state', `${snapshot}.snapshot`);
    const bytes = readFileSync(snapshotPath);
    bytes[bytes.length - 3] ^= 0xff;
    writeFileSync(snapshotPath, bytes);

    const report = await runHere(dir, sinks);
    expect(report.metrics['checkpoints.corruptSkipped']).toBe(2); // one log entry, one state file
    // Batch lastCommit (its commit entry torn) and the batch the crash left uncommitted run again.
    expect(report.metrics.restoredFromId).toBe(lastCommit - 1);
    expect(report.metrics.rerunBatches).toBe(2);
    for (const o of OUTPUTS) expect(outputLines(sinks[o].delivered)).toEqual(expected[o]);
  });

  it('SIGKILLed worker, new worker on the same stateDir: committed transactions = failure-free outputs', async () => {
    const dir = tempDir();
    const job: WorkerJob = {
      engine: 'spark',
      stateDir: join(dir, 'state'),
      outDir: dir,
      generator,
      pacing: { mode: 'rate', eventsPerSec: 6000 },
      knobs: {},
    };
    let features = 0;
    const first = await forkResumableWorker(job, (m: WorkerMessage, kill) => {
      if (m.type !== 'delivered' || m.output !== 'features') return;
      features += m.records;
      if (features >= 100) kill();
    });
    expect(first.signal).toBe('SIGKILL');
    const before = OUTPUTS.map((o) => readDelivered(join(dir, `${o}.jsonl`)).committed.size);
    expect(before[0]).toBeGreaterThan(0);

    const messages: WorkerMessage[] = [];
    const second = await forkResumableWorker({ ...job, pacing: unpaced }, (m) => messages.push(m));
    expect(second.code).toBe(0);
    const restored = messages.find((m) => m.type === 'restored');
    expect(restored).toMatchObject({ type: 'restored', id: expect.any(Number) });
    const done = messages.find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.metrics.eventsIngested).toBeLessThan(generator.messages);
    for (const [i, o] of OUTPUTS.entries()) {
      const d = readDelivered(join(dir, `${o}.jsonl`));
      expect(d.committed.size).toBeGreaterThan(before[i]);
      for (const r of d.recommits) expect(sorted(r.records)).toEqual(sorted(d.committed.get(r.key)!));
      expect(outputLines(d)).toEqual(expected[o]);
    }
  });
});

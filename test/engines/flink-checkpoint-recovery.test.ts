/**
 * Failure and recovery on the crypto workload. The fault hook (`failAtEvent`) makes the operator fed by
 * the source throw once; the job restarts per its restart strategy:
 *   - with checkpoints, from the newest completed one (read back from its file): the distinct outputs
 *     and the counters equal a failure-free run's (state restored exactly once), and the duplicates are
 *     exactly the outputs written after that checkpoint (per key, the tail of what was written before
 *     the failure, written again in the same order), as many as the engine reports;
 *   - without checkpoints, from scratch: everything written before the failure is written again;
 *   - with restarts off or used up, run() rejects with the task failure as the cause.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { EngineReport } from '../../engines/contract.js';
import { flinkEngine } from '../../engines/flink/engine.js';
import { JobExecutionError, TaskFailure } from '../../engines/flink/failover/errors.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { buildCryptoPlan } from '../../workloads/crypto/plan.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';
import { runCrypto } from '../helpers/run-plan.js';
import { tinyMarket } from '../helpers/tiny-market.js';

const events = tinyMarket(20_000); // 20 003 events: 2 s at 10 000 events/s
const SINKS = ['features', 'predictions', 'scored'] as const;
const dir = mkdtempSync(join(tmpdir(), 'flink-recovery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The crypto plan paced at `rate`; each sink's writes in order, as `id\tjson` lines. */
async function run(config: Record<string, unknown>, rate: number) {
  const sinks = { features: collectSink(), predictions: collectSink(), scored: collectSink() };
  const report = await flinkEngine.run({
    plan: buildCryptoPlan(CryptoConfig.parse({}), 'linear', 7),
    sources: {
      market: [
        new OpenLoopSource(new ArrayInput(events), { mode: 'rate', eventsPerSec: rate }, systemClock.now()),
      ],
    },
    sinks,
    clock: systemClock,
    config: { parallelism: 2, ...config },
  });
  const writes = Object.fromEntries(
    SINKS.map((name) => [name, sinks[name].out.map((o) => `${o.id}\t${JSON.stringify(o.value)}`)]),
  ) as Record<(typeof SINKS)[number], string[]>;
  return { report, writes };
}

const distinct = (lines: readonly string[]) => [...new Set(lines)].sort();
const duplicates = (lines: readonly string[]) => lines.length - new Set(lines).size;

/**
 * Per product, the writes after the restart begin with the last ones written before it, in the same
 * order (a replay from the checkpoint), and nothing else repeats. Returns how many repeated.
 */
function replayedTails(lines: readonly string[]): number {
  const byProduct = new Map<string, string[]>();
  for (const line of lines) {
    const product = line.slice(0, line.indexOf('@'));
    byProduct.set(product, [...(byProduct.get(product) ?? []), line]);
  }
  let total = 0;
  for (const seq of byProduct.values()) {
    const d = duplicates(seq);
    if (d === 0) continue;
    const firstRepeat = seq.findIndex((line, i) => seq.indexOf(line) < i);
    expect(seq.slice(firstRepeat, firstRepeat + d)).toEqual(seq.slice(firstRepeat - d, firstRepeat));
    total += d;
  }
  return total;
}

function expectSameResults(
  run: { report: EngineReport; writes: Record<string, string[]> },
  baseline: Baseline,
) {
  for (const name of SINKS) expect(distinct(run.writes[name])).toEqual(baseline.outputs[name]);
  expect(run.report.counters).toEqual(baseline.report.counters);
  const observed = SINKS.reduce((n, name) => n + duplicates(run.writes[name]), 0);
  expect(observed).toBe(run.report.metrics.sinkDuplicates);
  expect(observed).toBeGreaterThan(0);
  expect(replayedTails(run.writes.features) + replayedTails(run.writes.predictions)).toBe(
    duplicates(run.writes.features) + duplicates(run.writes.predictions),
  );
}

type Baseline = Awaited<ReturnType<typeof runCrypto>>;

/** The JobExecutionError a run rejects with (fails the test if it does not reject with one). */
async function jobFailure(running: Promise<unknown>): Promise<JobExecutionError> {
  try {
    await running;
  } catch (e) {
    expect(e).toBeInstanceOf(JobExecutionError);
    return e as JobExecutionError;
  }
  throw new Error('the run completed instead of failing');
}

describe('engines/flink: failure and recovery', async () => {
  const baseline = await runCrypto(flinkEngine, events, { config: { parallelism: 2 } });

  it('with checkpoints: restores the newest checkpoint after the exponential backoff; outputs are right, duplicates only after the checkpoint', async () => {
    const r = await run(
      {
        checkpointIntervalMs: 400,
        checkpointStorage: dir,
        failAtEvent: 14_000,
        exponentialDelayInitialBackoffMs: 150,
        exponentialDelayJitterFactor: 0,
      },
      10_000,
    );
    expect(r.report.metrics.restarts).toBe(1);
    expect(r.report.metrics['checkpoints.lastRestoredId']).toBeGreaterThanOrEqual(1);
    expect(r.report.metrics['checkpoints.completed']).toBeGreaterThanOrEqual(2);
    expect(r.report.metrics.restartBackoffMsTotal).toBeGreaterThanOrEqual(150);
    expect(r.report.metrics.restartBackoffMsTotal).toBeLessThan(150 + 3_000);
    // Only the records since the checkpoint were read again, not the whole input.
    expect(r.report.metrics.eventsIngested).toBeLessThan(events.length + 14_000);
    expectSameResults(r, baseline);
  });

  it('without checkpoints: a fixed-delay restart replays from the start and rewrites everything written before', async () => {
    const r = await run({ restartStrategy: 'fixed-delay', fixedDelayMs: 50, failAtEvent: 12_000 }, 20_000);
    expect(r.report.metrics.restarts).toBe(1);
    expect(r.report.metrics['checkpoints.completed']).toBe(0);
    expect(r.report.metrics.restartBackoffMsTotal).toBeGreaterThanOrEqual(50);
    expect(r.report.metrics.eventsIngested).toBeGreaterThanOrEqual(events.length + 12_000 - 1_024);
    expectSameResults(r, baseline);
  });

  it('with restarts off, the run rejects with the task failure as the cause', async () => {
    const error = await jobFailure(run({ failAtEvent: 500 }, 50_000));
    expect(error.cause).toBeInstanceOf(TaskFailure);
    expect((error.cause as TaskFailure).atEvent).toBe(500);
    expect(error.restarts).toBe(0);
    const explicit = run({ checkpointIntervalMs: 50, restartStrategy: 'none', failAtEvent: 500 }, 50_000);
    await expect(explicit).rejects.toThrow(/injected task failure at source record 500/);
  });

  it('a user function that keeps throwing fails the job once the restart attempts are used up', async () => {
    let thrown = 0;
    const p = new PlanBuilder('bug');
    p.source<number>('in', { maxOutOfOrdernessMs: 0 })
      .keyBy('k', (i) => `k${i % 3}`)
      .process<number>('buggy', {
        processElement(i, _ctx, out) {
          if (i === 700) {
            thrown++;
            throw new RangeError('bug at 700');
          }
          out.collect(i);
        },
      })
      .sink('out', String);
    const items = Array.from({ length: 1_000 }, (_, i) => ({ value: i, ts: i }));
    const job = flinkEngine.run({
      plan: p.build(),
      sources: { in: [new OpenLoopSource(new ArrayInput(items), { mode: 'unpaced' }, 0)] },
      sinks: { out: collectSink() },
      clock: systemClock,
      config: { restartStrategy: 'fixed-delay', fixedDelayAttempts: 2, fixedDelayMs: 10 },
    });
    const error = await jobFailure(job);
    expect(error.cause).toBeInstanceOf(RangeError);
    expect(error.restarts).toBe(2);
    expect(thrown).toBe(3);
  });
});

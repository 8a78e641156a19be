import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';
import type { Emit, SinkWriter, SourceReader } from '../../engines/contract.js';
import { sparkEngine } from '../../engines/spark/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { FlinkCoinError } from '../../harness/errors.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { buildCryptoPlan } from '../../workloads/crypto/plan.js';
import { collectSink } from '../helpers/collect-sink.js';
import { runCrypto } from '../helpers/run-plan.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { tinyMarket } from '../helpers/tiny-market.js';

const events = tinyMarket(12_000);
const SINKS = ['features', 'predictions', 'scored'] as const;
// 1000 events a batch; small retention so that snapshots, purges and snapshot-based loads all happen.
const knobs = { maxOffsetsPerTrigger: 1000, minDeltasForSnapshot: 3, minBatchesToRetain: 4 };

const checkpointDir = tempDirs('spark-recovery-');
const ids = (dir: string, log: string) =>
  readdirSync(join(dir, log))
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
const latest = (dir: string, log: string) => Math.max(-1, ...ids(dir, log));

/** Calls `onPoll` with the reader's position after every poll (to fail the query at a chosen point). */
function watched(reader: SourceReader, onPoll: (position: number) => void): SourceReader {
  return {
    poll(now: number, max: number, emit: Emit<unknown>) {
      const result = reader.poll(now, max, emit);
      onPoll(reader.position() as number);
      return result;
    },
    position: () => reader.position(),
    seek: (p) => reader.seek(p),
  };
}

function job(
  location: string,
  sinks: Record<string, SinkWriter>,
  opts: { wrap?: (r: SourceReader) => SourceReader; signal?: AbortSignal } = {},
) {
  const input: Timestamped<MarketEvent>[] = events;
  const reader = new OpenLoopSource(new ArrayInput(input), { mode: 'unpaced' }, 0);
  return {
    plan: buildCryptoPlan(CryptoConfig.parse({}), 'linear', 7),
    sources: { market: [opts.wrap ? opts.wrap(reader) : reader] },
    sinks,
    clock: systemClock,
    config: { ...knobs, checkpointLocation: location },
    signal: opts.signal,
  };
}

function collectors() {
  const sinks = { features: collectSink(), predictions: collectSink(), scored: collectSink() };
  const lines = () =>
    Object.fromEntries(
      SINKS.map((s) => [s, sinks[s].out.map((o) => `${o.id}\t${JSON.stringify(o.value)}`).sort()]),
    );
  return { sinks, lines };
}

describe('engines/spark: exactly once across a query restart', async () => {
  const failureFree = (await runCrypto(sparkEngine, events, { config: knobs })).outputs;

  it('reruns a batch that was planned (offsets/N) but not committed, with exactly its offsets', async () => {
    const dir = checkpointDir();
    const { sinks, lines } = collectors();
    const abort = new AbortController();
    // Fail the query once batch 7 has been planned (its drain reads past offset 7000).
    const wrap = (r: SourceReader) => watched(r, (pos) => pos > 7000 && abort.abort('crash'));
    await expect(sparkEngine.run(job(dir, sinks, { wrap, signal: abort.signal }))).rejects.toThrow(
      FlinkCoinError,
    );
    expect(latest(dir, 'offsets')).toBe(7);
    expect(latest(dir, 'commits')).toBe(6);
    expect(existsSync(join(dir, 'sinks', '7'))).toBe(false);
    const before = sinks.features.out.length;
    expect(before).toBeGreaterThan(0);

    const second = await sparkEngine.run(job(dir, sinks)); // a fresh reader, at offset 0
    expect(second.metrics.rerunBatches).toBe(1);
    expect(second.metrics.sinkBatchesSkipped).toBe(0);
    for (const s of SINKS) expect(new Set(sinks[s].out.map((o) => o.id)).size).toBe(sinks[s].out.length);
    expect(lines()).toEqual(failureFree);
    // Retention: at most minBatchesToRetain log entries, and state files purged below the oldest snapshot needed.
    expect(ids(dir, 'offsets').length).toBeLessThanOrEqual(knobs.minBatchesToRetain);
    const state = readdirSync(join(dir, 'state'));
    expect(state.some((n) => n.endsWith('.snapshot'))).toBe(true);
    expect(state).not.toContain('1.delta');
  });

  it('does not write a rerun batch’s outputs again when the sink log has them (idempotent by batch id)', async () => {
    const dir = checkpointDir();
    const { sinks, lines } = collectors();
    const abort = new AbortController();
    // Abort while batch outputs are being handed over: the handover completes, the commit does not happen.
    const features = sinks.features;
    const crashing: SinkWriter = {
      write(id, value, ts, createdAt, ingestedAt) {
        if (features.out.length === 40) abort.abort('crash');
        return features.write(id, value, ts, createdAt, ingestedAt);
      },
    };
    const first = job(dir, { ...sinks, features: crashing }, { signal: abort.signal });
    await expect(sparkEngine.run(first)).rejects.toThrow('run aborted');
    const planned = latest(dir, 'offsets');
    expect(latest(dir, 'commits')).toBe(planned - 1);
    expect(existsSync(join(dir, 'sinks', String(planned)))).toBe(true);
    const written = sinks.features.out.length;

    const second = await sparkEngine.run(job(dir, sinks));
    expect(second.metrics.rerunBatches).toBe(1);
    expect(second.metrics.sinkBatchesSkipped).toBe(1);
    expect(sinks.features.out.length).toBeGreaterThan(written);
    for (const s of SINKS) expect(new Set(sinks[s].out.map((o) => o.id)).size).toBe(sinks[s].out.length);
    expect(lines()).toEqual(failureFree);
  });

  it('writes offsets/N before batch N runs and commits/N only after its outputs reached the sinks', async () => {
    const dir = checkpointDir();
    const { sinks } = collectors();
    const seen: { offsets: number; commits: number; sinkLogged: boolean }[] = [];
    let lastBatchStart = Number.NaN;
    const probing: SinkWriter = {
      write(id, value, ts, createdAt, ingestedAt) {
        if (ingestedAt !== lastBatchStart) {
          lastBatchStart = ingestedAt; // first output of a batch (all its rows share the drain time)
          const offsets = latest(dir, 'offsets');
          seen.push({
            offsets,
            commits: latest(dir, 'commits'),
            sinkLogged: existsSync(join(dir, 'sinks', String(offsets))),
          });
        }
        return sinks.predictions.write(id, value, ts, createdAt, ingestedAt);
      },
    };
    await sparkEngine.run(job(dir, { ...sinks, predictions: probing }));
    expect(seen.length).toBeGreaterThan(5);
    for (const s of seen)
      expect(s).toEqual({ offsets: s.commits + 1, commits: s.commits, sinkLogged: false });
    expect(latest(dir, 'commits')).toBe(latest(dir, 'offsets'));

    // A finished query restarted on its checkpoint has nothing left to do: no output is repeated.
    const before = SINKS.map((s) => sinks[s].out.length);
    const again = await sparkEngine.run(job(dir, sinks));
    expect(SINKS.map((s) => sinks[s].out.length)).toEqual(before);
    expect(again.metrics.batches).toBe(0);
  });
});

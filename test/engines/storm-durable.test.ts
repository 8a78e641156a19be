/**
 * The Storm-style engine's durable state (issue 6): with the job's stateDir the spouts commit their
 * highest contiguous acked source positions (storm-kafka-client's OffsetManager) and a topology started
 * again on that stateDir seeks its spouts there and replays what came after: at-least-once, outputs
 * repeat, none is lost. Stateful bolts also resume from their committed KeyValueState; plain bolts
 * start empty. Storm has no transactional sink: outputs are always plain writes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { SinkWriter } from '../../engines/contract.js';
import { unframe } from '../../engines/shared/durable-store.js';
import { stormEngine } from '../../engines/storm/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { cryptoJob, forkResumableWorker, OUTPUTS, type WorkerMessage } from '../helpers/resumable-worker.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { readDelivered, transactionLog } from '../helpers/transaction-log.js';

interface Ev {
  k: string;
  i: number;
}
interface Counted extends Ev {
  n: number;
}
const KEYS = 4;
const N = 6000;

const tempDir = tempDirs('storm-durable-');

/** source → keyBy(k) → count (keyed state) → sink: one output per event, id = its index. */
function countPlan() {
  const p = new PlanBuilder('storm-durable');
  p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', (e) => e.k)
    .process<Counted>('count', {
      processElement(e, ctx, out) {
        const n = (ctx.state.get<number>('n') ?? 0) + 1;
        ctx.state.set('n', n);
        out.collect({ ...e, n });
      },
    })
    .sink('out', (c) => String(c.i));
  return p.build();
}

/** The committed spout positions on disk, newest entry first (null for an entry that fails its checksum). */
function committedPositions(stateDir: string, key = 'in/0'): (number | null)[] {
  const dir = join(stateDir, 'spout-offsets');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^offsets-\d+\.json$/.test(n));
  } catch {
    return [];
  }
  return names
    .sort((a, b) => Number(b.match(/\d+/)![0]) - Number(a.match(/\d+/)![0]))
    .map((n) => {
      const body = unframe(readFileSync(join(dir, n), 'utf8'));
      return body === null ? null : (JSON.parse(body).positions[key] as number);
    });
}

function runCount(
  stateDir: string,
  sink: SinkWriter,
  knobs: Record<string, unknown>,
  opts: { signal?: AbortSignal; restored?: (id: number | null) => void; rate?: number } = {},
) {
  const items = Array.from({ length: N }, (_, i) => ({ value: { k: `k${i % KEYS}`, i }, ts: i }));
  const pacing = opts.rate
    ? { mode: 'rate' as const, eventsPerSec: opts.rate }
    : { mode: 'unpaced' as const };
  return stormEngine.run({
    plan: countPlan(),
    sources: { in: [new OpenLoopSource(new ArrayInput(items), pacing, systemClock.now())] },
    sinks: { out: sink },
    clock: systemClock,
    config: { offsetCommitPeriodMs: 20, ...knobs },
    signal: opts.signal,
    stateDir,
    recovery: { stateRestored: (_at, id) => opts.restored?.(id) },
  });
}

/**
 * Runs until the first output written after `entries` spout commits, the newest of a position > 0,
 * then aborts: that output's tuple was not acked when the position was committed, so it must come
 * again.
 */
async function crashAfterACommit(stateDir: string, knobs: Record<string, unknown>, entries = 1) {
  const out: Counted[] = [];
  const abort = new AbortController();
  const sink: SinkWriter<Counted> = {
    write(_id, value) {
      out.push(value);
      const committed = committedPositions(stateDir);
      if (committed.length >= entries && (committed[0] ?? 0) > 0) abort.abort('crash');
    },
  };
  await expect(
    runCount(stateDir, sink as SinkWriter, knobs, { signal: abort.signal, rate: 10_000 }),
  ).rejects.toThrow('run aborted');
  return out;
}

async function resume(stateDir: string, knobs: Record<string, unknown>) {
  const out: Counted[] = [];
  const restored: (number | null)[] = [];
  const sink: SinkWriter<Counted> = { write: (_id, value) => void out.push(value) };
  const report = await runCount(stateDir, sink as SinkWriter, knobs, { restored: (id) => restored.push(id) });
  return { out, restored, report };
}

/** The first count each key shows in `out`. */
const firstCounts = (out: Counted[]) => {
  const first = new Map<string, number>();
  for (const c of out) if (!first.has(c.k)) first.set(c.k, c.n);
  return [...first.values()];
};

describe('engines/storm: spout offsets committed when acked, replay from them after a restart', () => {
  it('plain bolts: resumes at the committed position, replays what was in flight, loses nothing; state starts empty', async () => {
    const dir = tempDir();
    const before = await crashAfterACommit(dir, {});
    const position = committedPositions(dir)[0]!;
    expect(position).toBeGreaterThan(0);
    expect(position).toBeLessThan(N);

    const { out, restored, report } = await resume(dir, {});
    expect(restored).toEqual([null]); // replay restores no state
    expect(report.metrics.eventsIngested).toBe(N - position); // sought to the committed position
    const all = [...before, ...out];
    expect(new Set(all.map((c) => c.i)).size).toBe(N); // every record's effect is there
    const again = out.filter((c) => before.some((b) => b.i === c.i));
    expect(again.length).toBeGreaterThan(0); // at-least-once: in-flight records came twice
    expect(Math.min(...out.map((c) => c.i))).toBe(position);
    expect(firstCounts(out)).toEqual([1, 1, 1, 1]); // Storm core: bolt state was in the dead worker
    expect(committedPositions(dir)[0]).toBe(N); // the end is committed once every tuple is acked
  });

  it('stateful bolts: resume from the committed KeyValueState (INITSTATE), so counts go on', async () => {
    const dir = tempDir();
    const knobs = { stateful: { checkpointIntervalMs: 100 } };
    await crashAfterACommit(dir, knobs);
    expect(readdirSync(join(dir, 'state')).some((n) => n.startsWith('bolt-count'))).toBe(true);

    const { out, restored, report } = await resume(dir, knobs);
    expect(restored).toHaveLength(1);
    expect(restored[0]).toEqual(expect.any(Number));
    expect(report.metrics.restoredFromId).toBe(restored[0]);
    for (const n of firstCounts(out)) expect(n).toBeGreaterThan(1);
    // No effect lost: each key's final count covers all of its events (more when replays counted twice).
    const last = new Map<string, number>();
    for (const c of out) last.set(c.k, c.n);
    for (const n of last.values()) expect(n).toBeGreaterThanOrEqual(N / KEYS);
  });

  it('skips a torn newest offsets entry and resumes from the one before', async () => {
    const dir = tempDir();
    await crashAfterACommit(dir, {}, 2);
    const offsetsDir = join(dir, 'spout-offsets');
    const entries = readdirSync(offsetsDir).sort(
      (a, b) => Number(b.match(/\d+/)![0]) - Number(a.match(/\d+/)![0]),
    );
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const previous = committedPositions(dir)[1]!;
    const newest = join(offsetsDir, entries[0]);
    writeFileSync(newest, readFileSync(newest).subarray(0, 40)); // torn mid-write

    const { out, report } = await resume(dir, {});
    expect(report.metrics['checkpoints.corruptSkipped']).toBe(1);
    expect(report.metrics.eventsIngested).toBe(N - previous);
    expect(Math.min(...out.map((c) => c.i))).toBe(previous);
  });
});

describe('engines/storm: a SIGKILLed worker restarted on its stateDir (crypto, stateful bolts)', async () => {
  const generator = { messages: 12_000, messagesPerSecond: 100, seed: 5 };
  const knobs = {
    offsetCommitPeriodMs: 50,
    watermarkIntervalMs: 100,
    stateful: { checkpointIntervalMs: 100 },
  };
  const reference = Object.fromEntries(OUTPUTS.map((o) => [o, transactionLog()]));
  await stormEngine.run({
    ...cryptoJob({ generator, pacing: { mode: 'unpaced' } }),
    sinks: reference,
    config: knobs,
  });

  it('replays from the committed offsets: every failure-free output id comes, some twice; plain writes only', async () => {
    const dir = tempDir();
    const job = {
      engine: 'storm',
      stateDir: join(dir, 'state'),
      outDir: dir,
      generator,
      pacing: { mode: 'rate', eventsPerSec: 4000 } as const,
      knobs,
    };
    // Killed once it has written 300 outputs and committed a position past the start.
    let writes = 0;
    const first = await forkResumableWorker(job, (m, kill) => {
      if (m.type !== 'delivered' || ++writes < 300) return;
      const newest = committedPositions(job.stateDir, 'market/0')[0];
      if (newest !== undefined && newest !== null && newest > 0) kill();
    });
    expect(first.signal).toBe('SIGKILL');

    const messages: WorkerMessage[] = [];
    const second = await forkResumableWorker({ ...job, pacing: { mode: 'unpaced' } }, (m) =>
      messages.push(m),
    );
    expect(second.code).toBe(0);
    const done = messages.find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.metrics.eventsIngested).toBeLessThan(generator.messages);
    expect(messages.find((m) => m.type === 'restored')).toMatchObject({ id: expect.any(Number) });
    let duplicates = 0;
    for (const o of OUTPUTS) {
      const d = readDelivered(join(dir, `${o}.jsonl`));
      expect(d.committed.size).toBe(0); // Storm never uses commitTransaction
      const ids = d.writes.map(([id]) => id);
      const expected = new Set(reference[o].delivered.writes.map(([id]) => id));
      expect(new Set(ids), `${o} ids`).toEqual(expected);
      duplicates += ids.length - expected.size;
    }
    expect(duplicates).toBeGreaterThan(0);
  });
});

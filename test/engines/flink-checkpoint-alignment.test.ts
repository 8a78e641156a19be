/**
 * Barrier alignment at a two-input operator. Two sources feed a keyed coProcess that counts, in keyed
 * state, the records it has processed from each input. A checkpoint records each source's position
 * (records emitted before its barrier) and the coProcess's counts, so each checkpoint file shows what
 * the operator had processed when it snapshotted:
 *   EXACTLY_ONCE   counts = positions in every checkpoint: no record behind a barrier was processed
 *                  before the snapshot (the channel was blocked until the other barrier came)
 *   AT_LEAST_ONCE  counts ≥ positions, and above them when one input's barrier lagged: records behind
 *                  the early barrier were processed before the snapshot (they will be replayed)
 * The right input is slow (a busy loop per record in the coProcess) and goes through one more keyed
 * hop than the left one: its barrier always waits behind two full channels, the left one's behind at
 * most one, so the right barrier arrives well after the left one, however loaded the machine is.
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
import { PlanBuilder } from '../../workloads/plan/index.js';
import { collectSink } from '../helpers/collect-sink.js';

const LEFT = 1_200;
const RIGHT = 2_000;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the slow right input: real work per record, not a sleep
  }
}

interface Counts {
  left: number;
  right: number;
  leftPosition: number;
  rightPosition: number;
}

async function run(mode: 'EXACTLY_ONCE' | 'AT_LEAST_ONCE') {
  const dir = mkdtempSync(join(tmpdir(), 'flink-align-'));
  dirs.push(dir);
  const p = new PlanBuilder('alignment');
  const left = p.source<number>('left', { maxOutOfOrdernessMs: 0 }).keyBy('k', () => 'k');
  const right = p
    .source<number>('right', { maxOutOfOrdernessMs: 0 })
    .keyBy('k', () => 'k')
    .process<number>('pass', { processElement: (i, _ctx, out) => out.collect(i) })
    .keyBy('k', () => 'k');
  left
    .coProcess<number, string>('count', right, {
      processLeft(_i, ctx) {
        ctx.state.set('left', (ctx.state.get<number>('left') ?? 0) + 1);
      },
      processRight(i, ctx, out) {
        busy(0.2);
        ctx.state.set('right', (ctx.state.get<number>('right') ?? 0) + 1);
        if (i % 100 === 0) out.collect(`r${i}`);
      },
    })
    .sink('out', (s) => s);
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ value: i, ts: i }));
  const now = systemClock.now();
  const report = await flinkEngine.run({
    plan: p.build(),
    sources: {
      left: [new OpenLoopSource(new ArrayInput(items(LEFT)), { mode: 'rate', eventsPerSec: 2_000 }, now)],
      right: [new OpenLoopSource(new ArrayInput(items(RIGHT)), { mode: 'unpaced' }, now)],
    },
    sinks: { out: collectSink() },
    clock: systemClock,
    config: {
      parallelism: 1,
      checkpointIntervalMs: 30,
      checkpointingMode: mode,
      checkpointStorage: dir,
      checkpointsRetained: 1_000,
      restartStrategy: 'none', // an unexpected failure fails the test at once
      networkBufferBytes: 64 * 16, // 16 records per buffer: many buffers, each flushed when full
      recordBytes: 64,
    },
  });
  const counts: Counts[] = readdirSync(dir).map((file) => {
    const c = decodeSnapshot<CompletedCheckpoint>(unframe(readFileSync(join(dir, file), 'utf8'))!);
    const state = c.tasks['count[0]'].operators.count as { state: [string, [string, number][]][] };
    const entries = new Map(state.state.find(([key]) => key === 'k')?.[1] ?? []);
    const position = (task: string) => (c.tasks[task].input as { position: number }).position;
    return {
      left: entries.get('left') ?? 0,
      right: entries.get('right') ?? 0,
      leftPosition: position('left[0]'),
      rightPosition: position('right[0]'),
    };
  });
  return { report, counts };
}

describe('engines/flink: checkpoint barrier alignment at a two-input operator', () => {
  it('EXACTLY_ONCE: each snapshot holds exactly the records before the barriers, on both inputs', async () => {
    const { report, counts } = await run('EXACTLY_ONCE');
    expect(counts.length).toBeGreaterThanOrEqual(3);
    for (const c of counts) {
      expect(c.left).toBe(c.leftPosition);
      expect(c.right).toBe(c.rightPosition);
    }
    // The cut fell mid-stream, not only at the ends, and the left input waited for the right's barrier.
    expect(counts.some((c) => c.left > 0 && c.left < LEFT && c.right < RIGHT)).toBe(true);
    expect(report.metrics['checkpoints.alignmentMsMax']).toBeGreaterThan(1);
    expect(report.counters).toEqual({});
  });

  it('AT_LEAST_ONCE: inputs are not blocked, so snapshots include records that came after a barrier', async () => {
    const { report, counts } = await run('AT_LEAST_ONCE');
    expect(counts.length).toBeGreaterThanOrEqual(3);
    for (const c of counts) {
      expect(c.left).toBeGreaterThanOrEqual(c.leftPosition);
      expect(c.right).toBeGreaterThanOrEqual(c.rightPosition);
    }
    expect(counts.filter((c) => c.left > c.leftPosition).length).toBeGreaterThanOrEqual(2);
    expect(report.metrics['checkpoints.alignmentMsMax']).toBe(0);
  });
});

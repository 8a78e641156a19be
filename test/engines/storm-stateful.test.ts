/**
 * Storm's stateful bolts (StatefulBoltExecutor): a stateful bolt runs nothing before INITSTATE, logs
 * its acks until the checkpoint that covers them commits, and on ROLLBACK restores the committed state
 * and fails every logged tuple so that its spout replays it. Driven by hand, tuple by tuple, on a real
 * bolt executor; then end to end with the $checkpointspout.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { ProcessBolt } from '../../engines/storm/bolts/process-bolt.js';
import { COMMIT, INITSTATE, PREPARE, ROLLBACK } from '../../engines/storm/checkpoint.js';
import { stormEngine } from '../../engines/storm/engine.js';
import { ACK_ACK, ACK_FAIL } from '../../engines/storm/tuple-queue.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import type { ProcessNode } from '../../workloads/plan/index.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { boltTask } from '../helpers/storm-bolt.js';

interface Ev {
  k: string;
  i: number;
}

const count: ProcessNode['fn'] = {
  processElement(e, ctx, out) {
    const n = (ctx.state.get<number>('n') ?? 0) + 1;
    ctx.state.set('n', n);
    out.collect({ ...(e as Ev), n });
  },
};

/** A stateful count bolt fed by hand: what it emitted (counts), forwarded and sent the acker. */
function statefulBolt() {
  const node = { kind: 'process', id: 1, name: 'count', inputs: [0], fn: count } as ProcessNode;
  const task = boltTask(
    (collector, counters) => new ProcessBolt(node, [(v) => (v as Ev).k], collector, counters),
    {
      checkpoints: true,
    },
  );
  return {
    data: (root: number, i: number) => task.send.data(root, { k: 'a', i }, i),
    checkpoint: task.send.checkpoint,
    step: () => {
      const { emitted, forwarded, acks } = task.step();
      return { emitted: emitted.map((e) => (e.value as { n: number }).n), forwarded, acks };
    },
  };
}

describe('engines/storm: stateful bolts', () => {
  it('waits for INITSTATE, acks on COMMIT, and on ROLLBACK restores the committed state and fails', () => {
    const b = statefulBolt();
    b.data(1, 1);
    expect(b.step()).toEqual({ emitted: [], forwarded: [], acks: [] }); // not initialised: held
    b.checkpoint(INITSTATE, -1, 100);
    // INITSTATE is forwarded and acked; the held tuple runs, its ack waits for a commit.
    expect(b.step()).toEqual({ emitted: [1], forwarded: [INITSTATE], acks: [[ACK_ACK, 100]] });
    b.data(2, 2);
    b.checkpoint(PREPARE, 0, 101);
    expect(b.step()).toEqual({ emitted: [2], forwarded: [PREPARE], acks: [[ACK_ACK, 101]] });
    b.data(3, 3); // after the PREPARE: not part of transaction 0
    b.checkpoint(COMMIT, 0, 102);
    expect(b.step()).toEqual({
      emitted: [3],
      forwarded: [COMMIT],
      acks: [
        [ACK_ACK, 1],
        [ACK_ACK, 2],
        [ACK_ACK, 102],
      ],
    });
    b.data(4, 4);
    b.checkpoint(PREPARE, 1, 103);
    b.data(5, 5);
    b.checkpoint(ROLLBACK, 1, 104);
    // Rolled back to transaction 0's state (n = 2); every tuple acked since it is failed: 3, 4, then 5.
    expect(b.step()).toEqual({
      emitted: [4, 5],
      forwarded: [PREPARE, ROLLBACK],
      acks: [
        [ACK_ACK, 103],
        [ACK_FAIL, 3],
        [ACK_FAIL, 4],
        [ACK_FAIL, 5],
        [ACK_ACK, 104],
      ],
    });
    b.data(6, 6);
    expect(b.step().emitted).toEqual([3]);
  });

  it('end to end: checkpoints commit while data flows, and every tree completes only through them', async () => {
    const p = new PlanBuilder('storm-stateful');
    p.source<Ev>('in', { maxOutOfOrdernessMs: 0 })
      .keyBy('k', (e) => e.k)
      .process('count', count)
      .sink('out', (c) => String((c as Ev).i));
    const n = 2000;
    const items = Array.from({ length: n }, (_, i) => ({ value: { k: `k${i % 4}`, i }, ts: i }));
    const written = new Set<string>();
    const report = await stormEngine.run({
      plan: p.build(),
      // 2000 events at 5000/s: 400 ms of input, several 100 ms checkpoints.
      sources: {
        in: [
          new OpenLoopSource(new ArrayInput(items), { mode: 'rate', eventsPerSec: 5000 }, systemClock.now()),
        ],
      },
      sinks: { out: { write: (id) => void written.add(id) } },
      clock: systemClock,
      config: { stateful: { checkpointIntervalMs: 100 } },
    });
    const m = report.metrics;
    expect(written.size).toBe(n);
    expect(m.ackedTrees).toBe(n);
    expect(m.checkpointsCommitted).toBeGreaterThanOrEqual(3);
    expect(m.checkpointsRolledBack).toBe(0);
    // Acks wait for the next commit (every 100 ms), so trees take tens of ms to complete.
    expect(m.completeLatencyMsMean).toBeGreaterThan(20);
  });
});

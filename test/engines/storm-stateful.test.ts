/**
 * Storm's stateful bolts (StatefulBoltExecutor): a stateful bolt runs nothing before INITSTATE, logs
 * its acks until the checkpoint that covers them commits, and on ROLLBACK restores the committed state
 * and fails every logged tuple so that its spout replays it. Driven by hand, tuple by tuple, on a real
 * bolt executor; then end to end with the $checkpointspout.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { CounterSet } from '../../engines/shared/counters.js';
import { BoltExecutor } from '../../engines/storm/bolt-executor.js';
import { ProcessBolt } from '../../engines/storm/bolts/process-bolt.js';
import { CheckpointHandler, COMMIT, INITSTATE, PREPARE, ROLLBACK } from '../../engines/storm/checkpoint.js';
import { stormEngine } from '../../engines/storm/engine.js';
import { EdgeIds } from '../../engines/storm/message-id.js';
import { AckerClient, OutputCollector } from '../../engines/storm/output-collector.js';
import { StormStats } from '../../engines/storm/stats.js';
import { ExecutorTransfer, TransferStats } from '../../engines/storm/transfer.js';
import { ACK_ACK, ACK_FAIL, CHECKPOINT, DATA, TupleQueue } from '../../engines/storm/tuple-queue.js';
import { WatermarkValve } from '../../engines/storm/watermarks.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import type { ProcessNode } from '../../workloads/plan/index.js';
import { PlanBuilder } from '../../workloads/plan/index.js';

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

const UPSTREAM = 0;
const BOLT = 1;
const DOWNSTREAM = 2;
const ACKER = 3;

/** A stateful count bolt on task 1, fed by hand as if by task 0; outputs to task 2, acks to task 3. */
function statefulBolt() {
  const queues = [0, 1, 2, 3].map(() => new TupleQueue(64));
  const transfer = new ExecutorTransfer(queues, Int32Array.of(0, 1, 2, 3), BOLT, 1, new TransferStats());
  const collector = new OutputCollector(
    0,
    transfer,
    [{ stream: DATA, targets: Int32Array.of(DOWNSTREAM), route: null }],
    Int32Array.of(DOWNSTREAM),
    Int32Array.of(DOWNSTREAM),
    new AckerClient(transfer, Int32Array.of(ACKER)),
    new EdgeIds(3),
  );
  const faults = { failEveryNth: 0, dropEveryNth: 0 };
  const executor = new BoltExecutor(
    'count[0]',
    BOLT,
    queues[BOLT],
    transfer,
    collector,
    new WatermarkValve([UPSTREAM], 4),
    1,
    faults,
    new StormStats(),
  );
  const node = { kind: 'process', id: 1, name: 'count', inputs: [0], fn: count } as ProcessNode;
  executor.bolt = new ProcessBolt(node, [(v) => (v as Ev).k], collector, new CounterSet());
  executor.checkpoints = new CheckpointHandler(1, executor.bolt.state, collector);
  const input = queues[BOLT];
  const data = (root: number, i: number) =>
    input.put(BOLT, DATA, UPSTREAM, { k: 'a', i }, i, 0, 0, root, root * 7, root * 11);
  const checkpoint = (action: number, txid: number, root: number) =>
    input.put(BOLT, CHECKPOINT, UPSTREAM, action, txid, 0, 0, root, 1, 2);
  /** Steps the executor; returns the counts it emitted and the acker messages it sent, as [stream, root]. */
  const step = () => {
    executor.step();
    const emitted: number[] = [];
    const forwarded: number[] = [];
    const out = queues[DOWNSTREAM];
    for (; out.size > 0; out.pop()) {
      if (out.stream[out.first] === CHECKPOINT) forwarded.push(out.value[out.first] as number);
      else emitted.push((out.value[out.first] as { n: number }).n);
    }
    const acks: [number, number][] = [];
    const q = queues[ACKER];
    for (; q.size > 0; q.pop()) acks.push([q.stream[q.first], q.anchor[q.first] as number]);
    return { emitted, forwarded, acks };
  };
  return { data, checkpoint, step };
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

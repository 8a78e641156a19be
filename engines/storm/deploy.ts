/**
 * Topology → running executors (what a Storm worker does when it starts its assignment): a receive
 * queue per task, a transfer queue per worker (when there are several), an executor per task with its
 * output collector, and the acker and $checkpointspout executors. Returns them in scheduling order:
 * bolts downstream first (so queues drain before spouts refill them), then ackers, then spouts. With a
 * stateDir (`durable`), spouts resume from their committed positions and stateful bolts and the
 * $checkpointspout from their saved state (durable-state.ts).
 */
import type { Millis, Plan } from '../../workloads/plan/index.js';
import { isTimeAssigner } from '../../workloads/plan/index.js';
import type { JobSpec } from '../contract.js';
import type { CounterSet } from '../shared/counters.js';
import { defaultMaxParallelism, subtaskRouter } from '../shared/key-groups.js';
import { AckerExecutor } from './acker.js';
import {
  type Assignment,
  checkpointSenders,
  checkpointTargets,
  dataReceivers,
  dataSenders,
} from './assignment.js';
import { BoltExecutor } from './bolt-executor.js';
import { createBolt } from './bolts/create.js';
import { CheckpointHandler } from './checkpoint.js';
import { CheckpointSpoutExecutor } from './checkpoint-spout.js';
import { DEFAULT_MESSAGE_TIMEOUT_MS, type StormConfig } from './config.js';
import type { DurableTopologyState } from './durable-state.js';
import type { Executor } from './executor.js';
import { EdgeIds, RootIds } from './message-id.js';
import { AckerClient, OutputCollector, type OutputEdge } from './output-collector.js';
import { SpoutExecutor } from './spout-executor.js';
import type { StormStats } from './stats.js';
import type { Component } from './topology.js';
import { ExecutorTransfer, type TransferStats, WorkerTransfer } from './transfer.js';
import { TupleQueue } from './tuple-queue.js';
import { WatermarkValve } from './watermarks.js';

/** What runs: executors in scheduling order, their queues and the workers' transfer queues. */
export interface Deployment {
  readonly executors: readonly Executor[];
  readonly receiveQueues: readonly TupleQueue[];
  readonly workerTransfers: readonly WorkerTransfer[];
  readonly transfers: readonly ExecutorTransfer[];
}

const nextPowerOfTwo = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/** Builds the queues, transfers, collectors and executors of an assignment (see the module comment). */
export function deploy(
  a: Assignment,
  job: JobSpec,
  cfg: StormConfig,
  counters: CounterSet,
  stats: StormStats,
  transferStats: TransferStats,
  startedAt: Millis,
  durable: DurableTopologyState | null = null,
): Deployment {
  const workers = cfg.workers;
  const receiveQueues = Array.from({ length: a.tasks }, () => new TupleQueue(cfg.receiveBufferSize));
  const transferQueues =
    workers > 1
      ? Array.from({ length: workers }, () => new TupleQueue(nextPowerOfTwo(cfg.transferBufferSize)))
      : [];
  const queues = [...receiveQueues, ...transferQueues];
  // hops[w][dest]: the queue an executor on worker w hands a tuple for `dest` to.
  const hops = Array.from({ length: workers }, (_, w) =>
    Int32Array.from({ length: a.tasks }, (_, dest) => (a.workerOf[dest] === w ? dest : a.tasks + w)),
  );
  const transfers = Array.from(
    { length: a.tasks },
    (_, task) =>
      new ExecutorTransfer(queues, hops[a.workerOf[task]], task, cfg.producerBatchSize, transferStats),
  );
  const workerTransfers = transferQueues.map(
    (q) => new WorkerTransfer(q, receiveQueues, cfg.transferBatchSize, transferStats),
  );
  const timeoutMs =
    cfg.enableMessageTimeouts && a.ackers.length > 0 ? effectiveMessageTimeoutMs(cfg, job.plan) : null;
  const rootIds = new RootIds();
  const collectorOf = (
    task: number,
    index: number,
    outputs: OutputEdge[],
    receivers: number[],
    ck: number[],
  ) =>
    new OutputCollector(
      index,
      transfers[task],
      outputs,
      Int32Array.from(new Set([...receivers, ...ck])),
      Int32Array.from(ck),
      new AckerClient(transfers[task], a.ackers),
      new EdgeIds(Math.imul(task + 1, 0x9e3779b9)),
    );

  const bolts: Executor[] = [];
  const spouts: SpoutExecutor[] = [];
  for (const c of a.components) {
    const outputs = outputEdges(a, c);
    // A sink's writer is shared by its tasks: a write's promise holds them all back until it settles.
    const siblings: BoltExecutor[] = [];
    const stallAll = (until: Promise<void>) => {
      for (const e of siblings) e.stall(until);
    };
    const ckTargets = c.node.kind === 'source' ? [] : checkpointTargets(a, c);
    a.tasksOf.get(c)!.forEach((task, index) => {
      const name = `${c.node.name}[${index}]`;
      const collector = collectorOf(task, index, outputs, dataReceivers(a, c, index), ckTargets);
      const queue = receiveQueues[task];
      if (c.node.kind === 'source') {
        const reader = job.sources[c.node.input][index];
        const options = {
          boundMs: c.node.watermarks.maxOutOfOrdernessMs,
          watermarkIntervalMs: cfg.watermarkIntervalMs,
          timeoutMs,
          maxSpoutPending: cfg.maxSpoutPending,
          batchSize: cfg.spoutBatchSize,
        };
        spouts.push(
          new SpoutExecutor(
            name,
            task,
            queue,
            transfers[task],
            collector,
            reader,
            rootIds,
            options,
            stats,
            startedAt,
            durable?.spout(`${c.node.input}/${index}`, reader) ?? null,
          ),
        );
        return;
      }
      const senders = dataSenders(a, c, index);
      const ckSenders = checkpointSenders(a, c);
      const executor = new BoltExecutor(
        name,
        task,
        queue,
        transfers[task],
        collector,
        new WatermarkValve(senders, a.tasks),
        new Set([...senders, ...ckSenders]).size,
        { failEveryNth: cfg.failEveryNthTuple, dropEveryNth: cfg.dropEveryNthTuple },
        stats,
      );
      executor.bolt = createBolt(c, collector, job, counters, timeoutMs, stallAll, cfg.stateful !== null);
      siblings.push(executor);
      if (a.checkpointSpout >= 0) {
        executor.checkpoints = new CheckpointHandler(ckSenders.length, executor.bolt.state, collector);
        if (durable !== null && executor.bolt.state !== null) durable.bolt(name, executor.bolt.state);
      }
      bolts.push(executor);
    });
  }
  const system: Executor[] = Array.from(
    a.ackers,
    (task, i) =>
      new AckerExecutor(`__acker[${i}]`, task, receiveQueues[task], transfers[task], timeoutMs, startedAt),
  );
  if (a.checkpointSpout >= 0) {
    const task = a.checkpointSpout;
    const ck = checkpointTargets(a, null);
    const ckSpout = new CheckpointSpoutExecutor(
      '$checkpointspout[0]',
      task,
      receiveQueues[task],
      transfers[task],
      collectorOf(task, 0, [], ck, ck),
      rootIds,
      spouts,
      cfg.stateful!.checkpointIntervalMs,
      timeoutMs,
      stats,
      startedAt,
      durable?.checkpointStore ?? null,
    );
    durable?.resume(ckSpout);
    system.push(ckSpout);
  }
  return { executors: [...bolts.reverse(), ...system, ...spouts], receiveQueues, workerTransfers, transfers };
}

/** The consumers of `c`'s output: fields groupings hash the key with Flink's key groups. */
function outputEdges(a: Assignment, c: Component): OutputEdge[] {
  return c.outputs.map((sub) => {
    const targets = a.tasksOf.get(sub.to)!;
    if (sub.grouping.type === 'local') return { stream: sub.inputIndex, targets, route: null };
    const router = subtaskRouter(targets.length, defaultMaxParallelism(targets.length));
    const keyOf = sub.grouping.keyOf;
    return { stream: sub.inputIndex, targets, route: (value: unknown) => router(keyOf(value)) };
  });
}

/** Storm's default timeout (30 s), or the longest window's duration when a window needs longer. */
export function effectiveMessageTimeoutMs(cfg: StormConfig, plan: Plan): number {
  if (cfg.messageTimeoutMs !== null) return cfg.messageTimeoutMs;
  let longest = 0;
  for (const node of plan.nodes) {
    if (node.kind !== 'window' || !isTimeAssigner(node.assigner)) continue; // others: unbounded in time
    const a = node.assigner;
    longest = Math.max(longest, a.sizeMs + (a.type === 'tumbling' ? a.sizeMs : a.slideMs));
  }
  return Math.max(DEFAULT_MESSAGE_TIMEOUT_MS, longest);
}

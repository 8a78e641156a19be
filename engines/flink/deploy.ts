/**
 * Job graph → running tasks (Flink's deployment): for every vertex, `parallelism` subtasks, each with
 * its own operator instances and counters; for every edge between vertices, one channel per
 * (producer, consumer) subtask pair (all-to-all for hash edges, one-to-one for forward edges). Each
 * subtask learns which operators of its chain hold state, for its checkpoints. A restart deploys
 * everything afresh.
 *
 * A sink becomes a two-phase-commit sink when `transactions` is given (exactly-once checkpoints are on)
 * and its writer offers `commitTransaction`; otherwise it writes each record as it comes.
 */
import { PlanValidationError, UnsupportedOperatorError } from '../../harness/errors.js';
import type { FilterNode, FlatMapNode, MapNode, NodeId, PlanNode } from '../../workloads/plan/index.js';
import type { JobSpec } from '../contract.js';
import { CounterSet } from '../shared/counters.js';
import { defaultMaxParallelism, subtaskRouter } from '../shared/key-groups.js';
import type { CheckpointCoordinator } from './checkpoint/coordinator.js';
import type { StatefulOperator } from './checkpoint/snapshot.js';
import type { FlinkConfig } from './config.js';
import type { FaultInjector } from './failover/fault-injector.js';
import type { Edge, JobGraph, Vertex } from './job-graph.js';
import { KeyedCoProcessLink, KeyedProcessLink } from './operators/keyed-process.js';
import { fanOut, type Link } from './operators/link.js';
import { SinkLink } from './operators/sink.js';
import { StatelessLink } from './operators/stateless.js';
import { type TransactionStats, TwoPhaseCommitSinkLink } from './operators/two-phase-commit-sink.js';
import { windowLink } from './operators/window.js';
import { InputChannel, InputGate, type NetworkStats, ResultSubpartition } from './runtime/channel.js';
import { RecordWriter } from './runtime/record-writer.js';
import { SourceTask } from './runtime/source-task.js';
import { type RecordHandler, Subtask } from './runtime/subtask.js';
import type { Task } from './runtime/task.js';

type Stateless = MapNode | FilterNode | FlatMapNode;
const isStateless = (n: PlanNode): n is Stateless =>
  n.kind === 'map' || n.kind === 'filter' || n.kind === 'flatMap';

export function deploy(
  graph: JobGraph,
  job: JobSpec,
  cfg: FlinkConfig,
  stats: NetworkStats,
  checkpoints: CheckpointCoordinator | null,
  faults: FaultInjector | null,
  /** Non-null: exactly-once checkpoints are on, sinks with a transactional writer commit through it. */
  transactions: TransactionStats | null = null,
): Task[] {
  const alignment = { aligned: cfg.checkpointingMode === 'EXACTLY_ONCE', clock: job.clock };
  const fromSource = (edge: Edge) => graph.nodes.find((n) => n.id === edge.from)?.kind === 'source';
  const capacity = Math.max(1, Math.floor(cfg.networkBufferBytes / cfg.recordBytes));
  const maxParallelism = cfg.maxParallelism ?? defaultMaxParallelism(cfg.parallelism);
  // channels[edgeIndex][producer][consumer]
  const channels = new Map<Edge, InputChannel[][]>();
  const gates = new Map<string, InputGate>(); // one gate per (consumer vertex, subtask, input index)
  for (const edge of graph.edges) {
    const from = graph.vertexOf.get(edge.from)!;
    const to = graph.vertexOf.get(edge.to)!;
    if (from === to) continue; // chained
    const matrix: InputChannel[][] = [];
    for (let p = 0; p < from.parallelism; p++) {
      matrix.push([]);
      for (let c = 0; c < to.parallelism; c++) {
        const connected = edge.partitioning.type === 'hash' || p === c;
        if (!connected) continue;
        const gateId = `${to.id}/${c}/${edge.inputIndex}`;
        if (!gates.has(gateId)) gates.set(gateId, new InputGate(cfg.floatingBuffersPerGate));
        matrix[p][c] = new InputChannel(gates.get(gateId)!, edge.inputIndex, cfg.buffersPerChannel);
      }
    }
    channels.set(edge, matrix);
  }

  const tasks: Task[] = [];
  for (const vertex of graph.vertices) {
    for (let index = 0; index < vertex.parallelism; index++) {
      tasks.push(deploySubtask(vertex, index));
    }
  }
  return tasks;

  function deploySubtask(vertex: Vertex, index: number): Task {
    const head = vertex.nodes[0];
    const name = `${head.name}[${index}]`;
    let task: Task;
    const writers: RecordWriter[] = [];
    const counters = new CounterSet();
    const stateful: [string, StatefulOperator][] = [];
    const build = buildLinks(vertex, () => task);
    if (head.kind === 'source') {
      const reader = job.sources[head.input]?.[index];
      if (reader === undefined)
        throw new PlanValidationError(`no reader bound for source input "${head.input}"`);
      const out = outputOf(head.id);
      task = new SourceTask(
        name,
        cfg.maxBuffersPerChannel,
        counters,
        checkpoints,
        reader,
        out,
        head.watermarks.maxOutOfOrdernessMs,
        cfg.autoWatermarkIntervalMs,
        cfg.sourceBatchSize,
        capacity,
      );
    } else {
      const inputs: InputChannel[] = [];
      for (const edge of graph.edges) {
        if (edge.to !== head.id) continue;
        for (const row of channels.get(edge)!) if (row[index] !== undefined) inputs.push(row[index]);
      }
      const link = build(head);
      const handlers: RecordHandler[] = [link.process.bind(link)];
      if (link instanceof KeyedCoProcessLink) handlers.push(link.processRight.bind(link));
      if (faults !== null) {
        for (const edge of graph.edges) {
          if (edge.to === head.id && fromSource(edge)) {
            handlers[edge.inputIndex] = faults.handler(handlers[edge.inputIndex]);
          }
        }
      }
      const depth = cfg.maxBuffersPerChannel;
      task = new Subtask(name, depth, counters, checkpoints, alignment, inputs, link, handlers);
    }
    task.writers.push(...writers);
    for (const [nodeName, operator] of stateful) task.operators.set(nodeName, operator);
    return task;

    function outputOf(nodeId: NodeId): Link {
      return fanOut((graph.consumers.get(nodeId) ?? []).map((edge) => linkFor(edge)));
    }

    function linkFor(edge: Edge): Link {
      const to = graph.vertexOf.get(edge.to)!;
      if (to === vertex) {
        const chained = build(graph.nodes.find((n) => n.id === edge.to)!);
        return faults !== null && fromSource(edge) ? faults.link(chained) : chained;
      }
      const row = channels.get(edge)![index];
      const targets = row.filter((c) => c !== undefined);
      const subpartitions = targets.map((c) => new ResultSubpartition(c, capacity, stats));
      const route =
        edge.partitioning.type === 'hash' ? routeBy(edge.partitioning.keyOf, to.parallelism) : null;
      const writer = new RecordWriter(subpartitions, route, cfg.bufferTimeoutMs === 0);
      writers.push(writer);
      return writer;
    }

    function routeBy(keyOf: (v: unknown) => string, parallelism: number) {
      const router = subtaskRouter(parallelism, maxParallelism);
      return (value: unknown) => router(keyOf(value));
    }

    function buildLinks(v: Vertex, taskRef: () => Task) {
      const keep = <L extends Link & StatefulOperator>(node: PlanNode, link: L): L => {
        stateful.push([node.name, link]);
        return link;
      };
      return function build(node: PlanNode): Link {
        if (isStateless(node)) {
          // Fuse the run of stateless nodes that follow, while each has this node as its only consumer.
          const run: Stateless[] = [node];
          for (;;) {
            const out = graph.consumers.get(run[run.length - 1].id) ?? [];
            const nextNode = out.length === 1 ? graph.nodes.find((n) => n.id === out[0].to) : undefined;
            if (!nextNode || !isStateless(nextNode) || graph.vertexOf.get(nextNode.id) !== v) break;
            run.push(nextNode);
          }
          return new StatelessLink(run, outputOf(run[run.length - 1].id));
        }
        const inEdges = graph.edges.filter((e) => e.to === node.id);
        switch (node.kind) {
          case 'window': {
            const keyOf = inEdges[0].keyOf!;
            return keep(node, windowLink(node, keyOf, outputOf(node.id), counters));
          }
          case 'process':
            return keep(node, new KeyedProcessLink(node.fn, inEdges[0].keyOf!, outputOf(node.id), counters));
          case 'coProcess': {
            const [l, r] = [0, 1].map((i) => inEdges.find((e) => e.inputIndex === i)!.keyOf!);
            return keep(node, new KeyedCoProcessLink(node.fn, l, r, outputOf(node.id), counters));
          }
          case 'sink': {
            const writer = job.sinks[node.output];
            if (writer === undefined)
              throw new PlanValidationError(`no writer bound for sink "${node.output}"`);
            const stall = { stall: (p: Promise<void>) => taskRef().stall(p) };
            if (transactions !== null && writer.commitTransaction !== undefined) {
              const txnWriter = writer as typeof writer & Required<Pick<typeof writer, 'commitTransaction'>>;
              const task = `${node.name}[${index}]`;
              return keep(node, new TwoPhaseCommitSinkLink(task, txnWriter, node.idOf, stall, transactions));
            }
            return keep(node, new SinkLink(writer, node.idOf, stall));
          }
          default:
            throw new UnsupportedOperatorError('flink', node.kind);
        }
      };
    }
  }
}

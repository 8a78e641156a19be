/**
 * Plan → timely dataflow graph:
 *
 *   source      input vertex (one handle per split, split i on worker i mod peers)
 *   keyBy       the pact of the edge leaving it: Exchange by the key (Flink's key groups) — or Pipeline
 *               when the stream is already partitioned by the same key name (the workload's promise,
 *               as Flink's reinterpretAsKeyedStream)
 *   map/filter/flatMap  one fused vertex per run of them
 *   window      notify-driven window vertex (session, count, delta and late-aware windows: MachineWindowVertex)
 *   process / coProcess (join is normalised to coProcess)  keyed vertices, timers on notifications
 *   sink        sink vertex writing through the output's SinkGate
 *
 * Every vertex runs on every worker (timely builds the whole dataflow on each worker); all summaries
 * are the identity — the plan has no loops (see operators/iteration.ts for loop contexts).
 */
import { PlanValidationError, UnsupportedOperatorError } from '../../harness/errors.js';
import type { NodeId, Plan, PlanNode } from '../../workloads/plan/index.js';
import { normalize } from '../../workloads/plan/index.js';
import type { JobSpec } from '../contract.js';
import { defaultMaxParallelism, subtaskRouter } from '../shared/key-groups.js';
import { Dataflow, type FinishedDataflow, type Pact, PIPELINE } from './dataflow/graph.js';
import type { EpochPolicy } from './epochs.js';
import { InputOperator } from './operators/input.js';
import { KeyedCoProcessVertex, KeyedProcessVertex } from './operators/keyed-process.js';
import { SinkGate, SinkVertex, type TransactionStats } from './operators/sink.js';
import { type StatelessNode, StatelessVertex } from './operators/stateless.js';
import { windowVertex } from './operators/window.js';
import { IDENTITY } from './progress/summary.js';
import type { NaiadStats } from './stats.js';

type KeyOf = (value: unknown) => string;

/** A compiled node's output stream and how it is partitioned. */
interface Stream {
  readonly node: number;
  readonly keyName: string | null;
  readonly keyOf: KeyOf | null;
}

/** What compilation needs besides the plan and job: workers, epochs, and the engine's hooks. */
export interface CompileOptions {
  readonly peers: number;
  readonly maxParallelism: number | undefined;
  readonly epochs: EpochPolicy;
  readonly inputBatchSize: number;
  /** Fault tolerance on: sinks hold outputs until a checkpoint commits them. */
  readonly commitOnCheckpoint: boolean;
  /** Fault tolerance on: a writer with commitTransaction gets each checkpoint's outputs as one. */
  readonly transactions?: TransactionStats | null;
  /** Whether inputs may read now (no stalled sink, no checkpoint draining). */
  readonly mayRead: () => boolean;
  readonly stats: NaiadStats;
}

/** The dataflow to run, plus what the engine keeps across rollbacks. */
export interface CompiledPlan {
  readonly dataflow: FinishedDataflow;
  /** One gate per output, kept across rollbacks. */
  readonly gates: ReadonlyMap<string, SinkGate>;
  /** Vertices fed directly by an input: the fault hook counts their records. */
  readonly faultNodes: ReadonlySet<number>;
}

const isStateless = (n: PlanNode): n is StatelessNode =>
  n.kind === 'map' || n.kind === 'filter' || n.kind === 'flatMap';

/** Compiles a plan (normalised first) into a timely dataflow bound to the job's readers and writers. */
export function compilePlan(plan: Plan, job: JobSpec, opts: CompileOptions): CompiledPlan {
  const nodes = normalize(plan).nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const consumers = new Map<NodeId, number>();
  for (const n of nodes) for (const i of n.inputs) consumers.set(i, (consumers.get(i) ?? 0) + 1);
  const router = subtaskRouter(opts.peers, opts.maxParallelism ?? defaultMaxParallelism(opts.peers));
  const df = new Dataflow();
  const streams = new Map<NodeId, Stream>();
  const runs = new Map<NodeId, StatelessNode[]>(); // open stateless runs, by their last node
  const gates = new Map<string, SinkGate>();
  const inputNodes = new Set<number>();
  const faultNodes = new Set<number>();

  /** Connects input `index` of plan node `node` to port `port` of vertex `to`; returns its keying. */
  const connectInput = (node: PlanNode, index: number, to: number, port: number) => {
    let input = byId.get(node.inputs[index])!;
    let keyBy: Extract<PlanNode, { kind: 'keyBy' }> | null = null;
    while (input.kind === 'keyBy') {
      keyBy ??= input;
      input = byId.get(input.inputs[0])!;
    }
    const up = streams.get(input.id)!;
    let pact: Pact = PIPELINE;
    if (keyBy !== null && up.keyName !== keyBy.keyName) {
      const keyOf = keyBy.keyOf;
      pact = { kind: 'exchange', route: (value) => router(keyOf(value)) };
    }
    df.connect(up.node, 0, to, port, pact);
    if (inputNodes.has(up.node)) faultNodes.add(to);
    return keyBy === null ? up : { node: to, keyName: keyBy.keyName, keyOf: keyBy.keyOf };
  };
  const keyed = (node: PlanNode, s: Stream): KeyOf => {
    if (s.keyOf === null) throw new PlanValidationError(`keyed node "${node.name}" needs a keyBy before it`);
    return s.keyOf;
  };

  for (const node of nodes) {
    if (node.kind === 'keyBy') continue;
    if (node.kind === 'source') {
      const readers = job.sources[node.input] ?? [];
      if (readers.length === 0)
        throw new PlanValidationError(`no reader bound for source input "${node.input}"`);
      const bound = node.watermarks.maxOutOfOrdernessMs;
      const id = df.add({
        name: node.name,
        inputs: 0,
        outputs: 1,
        summary: IDENTITY,
        build: (ctx) =>
          new InputOperator(
            ctx,
            readers.filter((_, split) => split % ctx.peers === ctx.index),
            bound,
            opts.epochs,
            opts.inputBatchSize,
            opts.mayRead,
            opts.stats,
          ),
      });
      inputNodes.add(id);
      streams.set(node.id, { node: id, keyName: null, keyOf: null });
      continue;
    }
    if (isStateless(node)) {
      const input = byId.get(node.inputs[0])!;
      const open = runs.get(input.id);
      if (open !== undefined && consumers.get(input.id) === 1) {
        open.push(node); // fuse into the run that ends in its only input
        runs.delete(input.id);
        runs.set(node.id, open);
        streams.set(node.id, streams.get(input.id)!);
        continue;
      }
      const run: StatelessNode[] = [node];
      runs.set(node.id, run);
      const id = df.add({ ...shape(node.name, 1, 1), build: (ctx) => new StatelessVertex(ctx, run) });
      const s = connectInput(node, 0, id, 0);
      streams.set(node.id, { node: id, keyName: s.keyName, keyOf: s.keyOf });
      continue;
    }
    switch (node.kind) {
      case 'window': {
        let keyOf: KeyOf;
        const id = df.add({
          ...shape(node.name, 1, 1),
          build: (ctx) => windowVertex(ctx, opts.epochs, node, keyOf),
        });
        const s = connectInput(node, 0, id, 0);
        keyOf = keyed(node, s);
        streams.set(node.id, { node: id, keyName: s.keyName, keyOf });
        break;
      }
      case 'process': {
        let keyOf: KeyOf;
        const id = df.add({
          ...shape(node.name, 1, 1),
          build: (ctx) => new KeyedProcessVertex(ctx, opts.epochs, node.fn, keyOf),
        });
        const s = connectInput(node, 0, id, 0);
        keyOf = keyed(node, s);
        streams.set(node.id, { node: id, keyName: s.keyName, keyOf });
        break;
      }
      case 'coProcess': {
        const keyOf: KeyOf[] = [];
        const id = df.add({
          ...shape(node.name, 2, 1),
          build: (ctx) => new KeyedCoProcessVertex(ctx, opts.epochs, node.fn, [keyOf[0], keyOf[1]]),
        });
        const [l, r] = [0, 1].map((i) => connectInput(node, i, id, i));
        keyOf.push(keyed(node, l), keyed(node, r));
        streams.set(node.id, { node: id, keyName: l.keyName, keyOf: keyOf[0] });
        break;
      }
      case 'sink': {
        const writer = job.sinks[node.output];
        if (writer === undefined) throw new PlanValidationError(`no writer bound for sink "${node.output}"`);
        let gate = gates.get(node.output);
        if (gate === undefined) {
          const txns = writer.commitTransaction === undefined ? null : (opts.transactions ?? null);
          gate = new SinkGate(writer, node.idOf, txns);
          gates.set(node.output, gate);
        }
        const g = gate;
        const id = df.add({
          ...shape(node.name, 1, 0),
          build: () => new SinkVertex(g, opts.commitOnCheckpoint),
        });
        connectInput(node, 0, id, 0);
        break;
      }
      default:
        throw new UnsupportedOperatorError('naiad', node.kind);
    }
  }
  return { dataflow: df.finish(), gates, faultNodes };
}

function shape(name: string, inputs: number, outputs: number) {
  return { name, inputs, outputs, summary: IDENTITY };
}

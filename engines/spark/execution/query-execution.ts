/**
 * Runs one micro-batch of the physical plan, as Spark's DAG scheduler runs the batch's job: stages in
 * order, one task per partition, the next stage reading the shuffle only after the previous stage has
 * finished (the stage barrier). A task runs its stage's operators fused, column batch by column batch
 * (execution/stage-pipeline.ts). Operators live across batches, so stateful ones keep their state; once
 * every task has run, the state stores commit the batch's version. Tasks run one after the other on the
 * one thread (Spark would run them concurrently on executor slots).
 */
import { UnsupportedOperatorError } from '../../../harness/errors.js';
import type { NodeId } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { KeyedProcessOperator } from '../operators/keyed-process.js';
import type { BatchInfo, BatchOperator, StatefulOperator } from '../operators/operator.js';
import { statelessOperator } from '../operators/stateless.js';
import { windowOperator } from '../operators/window.js';
import type { InputEdge, PhysicalNode, PhysicalPlan } from '../physical-plan.js';
import { type ChunkPool, Rows } from '../rows.js';
import { type StateStoreOptions, StateStores } from '../state/state-store.js';
import { ShuffleExchange } from './exchange.js';
import { StageTask, type StageWiring } from './stage-pipeline.js';
import type { Yielder } from './yielder.js';

/** The query's operators, exchanges and tasks, instantiated once per run and run once per batch. */
export class QueryExecution implements StageWiring {
  private readonly operators = new Map<NodeId, BatchOperator[]>();
  private readonly stateful: StatefulOperator[] = [];
  private readonly exchanges = new Map<InputEdge, ShuffleExchange>();
  /** Rows of edges that leave their stage without a shuffle, per partition. */
  private readonly narrowAcross = new Map<InputEdge, Rows[]>();
  /** Each sink node's rows of the batch, per partition. */
  private readonly sinks = new Map<NodeId, Rows[]>();
  private readonly tasks: StageTask[][];
  private readonly stores: StateStores;
  /** Tasks run over the whole run (engine metric). */
  tasksRun = 0;

  constructor(
    readonly plan: PhysicalPlan,
    counters: CounterSet,
    stateDir: string,
    storeOptions: StateStoreOptions,
    readonly pool: ChunkPool,
  ) {
    this.stores = new StateStores(stateDir, storeOptions);
    const perPartition = (n: number) => Array.from({ length: n }, () => new Rows(pool));
    for (const pn of plan.nodes) {
      for (const edge of pn.inputs) {
        if (edge.exchange !== null) this.exchanges.set(edge, new ShuffleExchange(edge.exchange, pool));
        else if (plan.byId.get(edge.from)!.stage !== pn.stage)
          this.narrowAcross.set(edge, perPartition(pn.partitions));
      }
      if (pn.node.kind === 'sink') this.sinks.set(pn.node.id, perPartition(pn.partitions));
      if (pn.node.kind === 'source' || pn.node.kind === 'sink') continue;
      const ops: BatchOperator[] = [];
      for (let p = 0; p < pn.partitions; p++) {
        const op = operatorFor(pn, counters);
        if ('state' in op) {
          this.stores.register(pn.node.id, p, op.state);
          this.stateful.push(op);
        }
        ops.push(op);
      }
      this.operators.set(pn.node.id, ops);
    }
    this.tasks = plan.stages.map((stage) =>
      Array.from({ length: stage.partitions }, (_, p) => new StageTask(stage, p, this)),
    );
  }

  /** Loads every state store at `version` (a restarted query resumes from its checkpoint). */
  loadState(version: number): void {
    this.stores.load(version);
    for (const op of this.stateful) op.stateLoaded();
  }

  /** Runs batch `batch` over the source partitions' rows; returns each sink node's rows per partition. */
  async runBatch(
    batch: BatchInfo,
    sources: ReadonlyMap<NodeId, Rows[]>,
    y: Yielder,
  ): Promise<ReadonlyMap<NodeId, readonly Rows[]>> {
    for (const exchange of this.exchanges.values()) exchange.reset();
    for (const rows of [...this.narrowAcross.values(), ...this.sinks.values()])
      for (const r of rows) r.reset();
    for (const stageTasks of this.tasks) {
      for (const task of stageTasks) {
        this.tasksRun++;
        await task.run(batch, sources, y);
      }
    }
    this.stores.commit(batch.batchId + 1);
    return this.sinks;
  }

  operator(id: NodeId, partition: number): BatchOperator {
    return this.operators.get(id)![partition];
  }

  exchange(edge: InputEdge): ShuffleExchange {
    return this.exchanges.get(edge)!;
  }

  materialized(edge: InputEdge, partition: number): Rows {
    return this.narrowAcross.get(edge)![partition];
  }

  sinkRows(id: NodeId, partition: number): Rows {
    return this.sinks.get(id)![partition];
  }

  /** State files that failed their checksum when loaded (engine metric). */
  get stateCorruptSkipped(): number {
    return this.stores.corruptSkipped;
  }

  /** State bytes written to delta and snapshot files so far (engine metric). */
  get stateBytesWritten(): number {
    return this.stores.bytesWritten;
  }

  get rowsShuffled(): number {
    let n = 0;
    for (const e of this.exchanges.values()) n += e.rowsWritten;
    return n;
  }
}

function operatorFor(pn: PhysicalNode, counters: CounterSet): BatchOperator | StatefulOperator {
  const node = pn.node;
  switch (node.kind) {
    case 'map':
    case 'filter':
    case 'flatMap':
      return statelessOperator(node);
    case 'window':
      return windowOperator(node, pn.inputs[0].keyOf!, counters);
    case 'process':
    case 'coProcess':
      return new KeyedProcessOperator(
        node,
        pn.inputs.map((e) => e.keyOf!),
        counters,
      );
    default:
      throw new UnsupportedOperatorError('spark', node.kind);
  }
}

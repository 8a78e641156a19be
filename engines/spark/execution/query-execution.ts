/**
 * Runs one micro-batch of the physical plan, as Spark's DAG scheduler runs the batch's job: stages in
 * order, one task per partition, each task running its stage's operators over arrays (each operator
 * takes the partition's whole batch input before the next one runs) and writing its shuffle output at
 * the end; the next stage reads the shuffle after the previous stage has finished (the stage barrier).
 * Operators live across batches, so stateful ones keep their state; once every task has run, the state
 * stores commit the batch's version. Tasks run one after the other on the one thread (Spark would run
 * them concurrently on executor slots).
 *
 * Departure: Spark pipelines rows through a stage's operators (whole-stage code generation); here each
 * operator runs over the whole partition before the next, the batch-at-a-time form of the same work.
 */
import { UnsupportedOperatorError } from '../../../harness/errors.js';
import type { NodeId } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../../shared/counters.js';
import { KeyedProcessOperator } from '../operators/keyed-process.js';
import type { BatchInfo, BatchOperator, StatefulOperator } from '../operators/operator.js';
import { statelessOperator } from '../operators/stateless.js';
import { WindowAggregateOperator } from '../operators/window.js';
import type { InputEdge, PhysicalNode, PhysicalPlan } from '../physical-plan.js';
import { type ChunkPool, Rows } from '../rows.js';
import { type StateStoreOptions, StateStores } from '../state/state-store.js';
import { ShuffleExchange } from './exchange.js';
import type { Yielder } from './yielder.js';

/** The query's operators and exchanges, instantiated once per run and run once per batch. */
export class QueryExecution {
  private readonly operators = new Map<NodeId, BatchOperator[]>();
  private readonly stateful: StatefulOperator[] = [];
  private readonly exchanges = new Map<InputEdge, ShuffleExchange>();
  private readonly stores: StateStores;
  /** Tasks run over the whole run (engine metric). */
  tasksRun = 0;

  constructor(
    private readonly plan: PhysicalPlan,
    counters: CounterSet,
    stateDir: string,
    storeOptions: StateStoreOptions,
    private readonly pool: ChunkPool,
  ) {
    this.stores = new StateStores(stateDir, storeOptions);
    for (const pn of plan.nodes) {
      for (const edge of pn.inputs) {
        if (edge.exchange !== null) this.exchanges.set(edge, new ShuffleExchange(edge.exchange, pool));
      }
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
  ): Promise<Map<NodeId, Rows[]>> {
    const outputs = new Map<NodeId, Rows[]>();
    const sinks = new Map<NodeId, Rows[]>();
    for (const exchange of this.exchanges.values()) exchange.reset();
    const input = (edge: InputEdge, p: number) =>
      edge.exchange === null ? outputs.get(edge.from)![p] : this.exchanges.get(edge)!.read(p);
    for (const stage of this.plan.stages) {
      for (let p = 0; p < stage.partitions; p++) {
        this.tasksRun++;
        for (const pn of stage.nodes) {
          const id = pn.node.id;
          let out: Rows;
          if (pn.node.kind === 'source') out = sources.get(id)![p];
          else if (pn.node.kind === 'sink') out = input(pn.inputs[0], p);
          else {
            const op = this.operators.get(id)![p];
            out = await this.runOperator(pn, op, batch, (i) => input(pn.inputs[i], p), y);
          }
          partitionsOf(outputs, id)[p] = out;
          if (pn.node.kind === 'sink') partitionsOf(sinks, id)[p] = out;
          await this.shuffleWrite(pn, out, y);
        }
      }
    }
    this.stores.commit(batch.batchId + 1);
    return sinks;
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

  private async runOperator(
    pn: PhysicalNode,
    op: BatchOperator,
    batch: BatchInfo,
    inputOf: (index: number) => Rows,
    y: Yielder,
  ): Promise<Rows> {
    const out = new Rows(this.pool);
    op.open(batch);
    for (let i = 0; i < pn.inputs.length; i++) {
      for (const chunk of inputOf(i).chunks) {
        op.process(i, chunk, out);
        if (y.due()) await y.yield(true);
      }
    }
    op.finish(out);
    return out;
  }

  private async shuffleWrite(pn: PhysicalNode, out: Rows, y: Yielder): Promise<void> {
    for (const [edge, exchange] of this.exchanges) {
      if (edge.from !== pn.node.id) continue;
      for (const chunk of out.chunks) {
        exchange.write(chunk);
        if (y.due()) await y.yield(true);
      }
    }
  }
}

function partitionsOf(map: Map<NodeId, Rows[]>, id: NodeId): Rows[] {
  let partitions = map.get(id);
  if (partitions === undefined) {
    partitions = [];
    map.set(id, partitions);
  }
  return partitions;
}

function operatorFor(pn: PhysicalNode, counters: CounterSet): BatchOperator | StatefulOperator {
  const node = pn.node;
  switch (node.kind) {
    case 'map':
    case 'filter':
    case 'flatMap':
      return statelessOperator(node);
    case 'window':
      return new WindowAggregateOperator(node, pn.inputs[0].keyOf!, counters);
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

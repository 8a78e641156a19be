/**
 * One task of a stage: the stage's operators for one partition, run as Spark runs a stage between
 * shuffle boundaries after whole-stage code generation (WholeStageCodegenExec): the narrow operators of
 * the stage are fused, so the rows the task reads flow from one operator to the next without being
 * materialised in between. What flows is a column batch (a chunk of up to CHUNK_ROWS rows, Spark's
 * vectorized ColumnarBatch): every operator still runs batch at a time, looping over a whole array of
 * rows, and its output chunk goes to the next operators each time it fills. Only what the model keeps
 * for the whole micro-batch is materialised: the source's planned rows, the shuffle buckets (map
 * output), a sink's batch output, rows that cross to another stage without a shuffle, and the inputs a
 * multi-input operator reads after its first.
 *
 * The order every operator sees is that of running each operator over the whole partition in turn, so
 * results do not depend on the chunk size: all rows of an operator's first input in order, then (a
 * two-input operator, as Spark's stream-stream join reads its left side, then its right) all rows of its
 * other inputs, then `finish` (due windows and timers); an operator finishes only after every operator
 * before it in the stage has finished and flushed its output.
 */
import { FlinkCoinError } from '../../../harness/errors.js';
import type { NodeId } from '../../../workloads/plan/index.js';
import type { BatchInfo, BatchOperator } from '../operators/operator.js';
import type { InputEdge, PhysicalNode, PhysicalPlan, Stage } from '../physical-plan.js';
import { type ChunkConsumer, ChunkOutput, type ChunkPool, type RowChunk, Rows } from '../rows.js';
import type { ShuffleExchange } from './exchange.js';
import type { Yielder } from './yielder.js';

/** What a task is wired to: the query's operators, exchanges and the rows kept for the whole batch. */
export interface StageWiring {
  readonly plan: PhysicalPlan;
  readonly pool: ChunkPool;
  operator(id: NodeId, partition: number): BatchOperator;
  exchange(edge: InputEdge): ShuffleExchange;
  /** Partition `partition` of an edge that leaves its stage without a shuffle (a narrow dependency). */
  materialized(edge: InputEdge, partition: number): Rows;
  /** Partition `partition` of a sink node's rows for the batch (handed to the writers after it). */
  sinkRows(id: NodeId, partition: number): Rows;
}

/** Feeds chunks to one input of an operator, which writes what it emits to its output. */
class OperatorInput implements ChunkConsumer {
  constructor(
    private readonly op: BatchOperator,
    private readonly input: number,
    private readonly out: ChunkOutput,
  ) {}

  consume(chunk: RowChunk): void {
    this.op.process(this.input, chunk, this.out);
  }
}

/** An operator in the stage's order, with the inputs it reads only after its first. */
interface FinishStep {
  readonly op: BatchOperator;
  readonly out: ChunkOutput;
  readonly later: readonly { rows: Rows; into: OperatorInput }[];
}

/** One partition of one stage, wired once per run and run once per micro-batch. */
export class StageTask {
  /** The stage's operators in topological order: the order they finish in. */
  private readonly steps: readonly FinishStep[];
  /** Buffers for the later inputs of multi-input operators whose producers are in this stage. */
  private readonly buffers: Rows[] = [];
  /** The rows the task reads first (a shuffle bucket or earlier stage's output; null: the source's). */
  private readonly streamed: Rows | null;
  private readonly streamedInto: readonly ChunkConsumer[];
  private readonly sourceId: NodeId | null;

  constructor(
    stage: Stage,
    private readonly partition: number,
    private readonly w: StageWiring,
  ) {
    const start = stage.nodes[0];
    if (start.node.kind !== 'source' && !start.inputs.every((e) => this.crosses(e, stage.id))) {
      throw new FlinkCoinError(`stage ${stage.id} does not start at a source or at a stage boundary`);
    }
    // Wired downstream first, so that each node's consumers exist when its own output is made.
    const inputConsumer = new Map<InputEdge, ChunkConsumer>();
    const steps: FinishStep[] = [];
    let sourceConsumers: ChunkConsumer[] = [];
    for (const pn of [...stage.nodes].reverse()) {
      const consumers = this.consumersOf(pn, inputConsumer);
      if (pn.node.kind === 'source') sourceConsumers = consumers;
      else if (pn.node.kind === 'sink') inputConsumer.set(pn.inputs[0], w.sinkRows(pn.node.id, partition));
      else {
        const op = w.operator(pn.node.id, partition);
        const out = new ChunkOutput(consumers);
        const later = pn.inputs.slice(1).map((edge, i) => {
          const into = new OperatorInput(op, i + 1, out);
          if (pn === start) return { rows: this.external(edge), into };
          const rows = new Rows(w.pool);
          this.buffers.push(rows);
          inputConsumer.set(edge, rows);
          return { rows, into };
        });
        inputConsumer.set(pn.inputs[0], new OperatorInput(op, 0, out));
        steps.unshift({ op, out, later });
      }
    }
    this.steps = steps;
    if (start.node.kind === 'source') {
      this.sourceId = start.node.id;
      this.streamed = null;
      this.streamedInto = sourceConsumers;
    } else {
      this.sourceId = null;
      this.streamed = this.external(start.inputs[0]);
      this.streamedInto = [inputConsumer.get(start.inputs[0])!];
    }
  }

  /** Runs the task over the batch: the streamed input, then each operator's later inputs and finish. */
  async run(batch: BatchInfo, sources: ReadonlyMap<NodeId, Rows[]>, y: Yielder): Promise<void> {
    for (const rows of this.buffers) rows.reset();
    for (const step of this.steps) step.op.open(batch);
    const streamed = this.sourceId === null ? this.streamed! : sources.get(this.sourceId)![this.partition];
    await feed(streamed, this.streamedInto, y);
    for (const step of this.steps) {
      for (const { rows, into } of step.later) await feed(rows, [into], y);
      step.op.finish(step.out);
      step.out.flush();
    }
  }

  /** Where node `pn`'s output goes: inputs in this stage (already wired), shuffles, other stages. */
  private consumersOf(pn: PhysicalNode, inStage: ReadonlyMap<InputEdge, ChunkConsumer>): ChunkConsumer[] {
    const consumers: ChunkConsumer[] = [];
    for (const to of this.w.plan.nodes) {
      for (const edge of to.inputs) {
        if (edge.from !== pn.node.id) continue;
        if (edge.exchange !== null) consumers.push(this.w.exchange(edge));
        else if (to.stage !== pn.stage) consumers.push(this.w.materialized(edge, this.partition));
        else consumers.push(inStage.get(edge)!);
      }
    }
    return consumers;
  }

  /** An edge whose rows come from outside the stage: a shuffle read, or an earlier stage's output. */
  private crosses(edge: InputEdge, stage: number): boolean {
    return edge.exchange !== null || this.w.plan.byId.get(edge.from)!.stage !== stage;
  }

  private external(edge: InputEdge): Rows {
    return edge.exchange !== null
      ? this.w.exchange(edge).read(this.partition)
      : this.w.materialized(edge, this.partition);
  }
}

/** Hands `rows` to the consumers a chunk at a time, yielding to the event loop when a yield is due. */
async function feed(rows: Rows, into: readonly ChunkConsumer[], y: Yielder): Promise<void> {
  for (const chunk of rows.chunks) {
    for (const consumer of into) consumer.consume(chunk);
    if (y.due()) await y.yield(true);
  }
}

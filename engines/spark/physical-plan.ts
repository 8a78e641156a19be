/**
 * Plan → physical plan with stages, Spark's planning of a streaming query (IncrementalExecution):
 *
 *   Plan ─normalize─▶ nodes ─EnsureRequirements─▶ exchanges at keyBy ─split─▶ stages (shuffle boundaries)
 *
 * 1. normalize: composite nodes become primitives (join → coProcess).
 * 2. A keyBy becomes a ShuffleExchange (hash partitioning into `parallelism` partitions) on the edge that
 *    leaves it, unless the stream is already hash-partitioned by the same key name into as many
 *    partitions: then the child's output partitioning satisfies the required distribution and, as
 *    Spark's EnsureRequirements, no exchange is added.
 * 3. Stages: a source starts a stage (one task per source partition = reader split); a node that reads
 *    an exchange starts a stage (the shuffle boundary); a node whose inputs all come without exchange
 *    from one stage joins that stage. Stages are created in topological order, so running them in
 *    creation order respects every dependency.
 */
import { PlanValidationError } from '../../harness/errors.js';
import type { NodeId, Plan, PlanNode } from '../../workloads/plan/index.js';
import { normalize } from '../../workloads/plan/index.js';

/** A keyBy node's key function: what the exchanges hash and keyed operators group by. */
export type KeyOf = (value: unknown) => string;

/** Hash partitioning of an edge (Spark's ShuffleExchangeExec with HashPartitioning). */
export interface ShuffleSpec {
  readonly keyOf: KeyOf;
  readonly partitions: number;
}

/** One input of a physical node: which node produces it and whether a shuffle sits in between. */
export interface InputEdge {
  readonly from: NodeId;
  /** null: partition p reads partition p of `from` (narrow dependency). */
  readonly exchange: ShuffleSpec | null;
  /** The key of the records on this input, for keyed consumers. */
  readonly keyOf: KeyOf | null;
}

/** A plan node placed in a stage with its partition count (keyBy nodes are resolved away). */
export interface PhysicalNode {
  readonly node: Exclude<PlanNode, { kind: 'keyBy' }>;
  readonly partitions: number;
  readonly inputs: readonly InputEdge[];
  readonly stage: number;
}

/** Nodes that run together, one task per partition, between shuffle boundaries. */
export interface Stage {
  readonly id: number;
  readonly partitions: number;
  /** In topological order. */
  readonly nodes: PhysicalNode[];
}

/** The placed nodes and their stages: what QueryExecution instantiates once and runs every batch. */
export interface PhysicalPlan {
  readonly nodes: readonly PhysicalNode[];
  readonly stages: readonly Stage[];
  readonly byId: ReadonlyMap<NodeId, PhysicalNode>;
}

interface Partitioning {
  partitions: number;
  keyName: string | null;
  keyOf: KeyOf | null;
}

/** Places every node of `plan` (normalised first) in a stage, with exchanges where keyBy needs them. */
export function planPhysical(
  plan: Plan,
  opts: { parallelism: number; sourceSplits: (input: string) => number },
): PhysicalPlan {
  const nodes = normalize(plan).nodes;
  const byPlanId = new Map(nodes.map((n) => [n.id, n]));
  const partitioning = new Map<NodeId, Partitioning>();
  const physical: PhysicalNode[] = [];
  const byId = new Map<NodeId, PhysicalNode>();
  const stages: Stage[] = [];

  const place = (node: PhysicalNode['node'], partitions: number, inputs: InputEdge[]) => {
    const stageOfInputs = new Set(inputs.map((e) => byId.get(e.from)!.stage));
    const narrow = inputs.length > 0 && inputs.every((e) => e.exchange === null) && stageOfInputs.size === 1;
    let stage: number;
    if (narrow) stage = [...stageOfInputs][0];
    else {
      stage = stages.length;
      stages.push({ id: stage, partitions, nodes: [] });
    }
    const p: PhysicalNode = { node, partitions, inputs, stage };
    stages[stage].nodes.push(p);
    physical.push(p);
    byId.set(node.id, p);
  };

  for (const node of nodes) {
    if (node.kind === 'keyBy') continue; // becomes the partitioning of the edges leaving it
    if (node.kind === 'source') {
      const splits = opts.sourceSplits(node.input);
      partitioning.set(node.id, { partitions: splits, keyName: null, keyOf: null });
      place(node, splits, []);
      continue;
    }
    const keyed = node.kind === 'window' || node.kind === 'process' || node.kind === 'coProcess';
    const inputs = node.inputs.map((inputId) => {
      const input = byPlanId.get(inputId)!;
      const from = input.kind === 'keyBy' ? input.inputs[0] : inputId;
      const up = partitioning.get(from)!;
      if (input.kind !== 'keyBy') {
        if (keyed && up.keyOf === null)
          throw new PlanValidationError(`keyed node "${node.name}" needs a keyBy before it`);
        return { edge: { from, exchange: null, keyOf: up.keyOf }, part: up };
      }
      const satisfied = up.keyName === input.keyName && up.partitions === opts.parallelism;
      const exchange = satisfied ? null : { keyOf: input.keyOf, partitions: opts.parallelism };
      const part = { partitions: opts.parallelism, keyName: input.keyName, keyOf: input.keyOf };
      return { edge: { from, exchange, keyOf: input.keyOf }, part };
    });
    const first = inputs[0].part;
    if (inputs.some((i) => i.part.partitions !== first.partitions)) {
      throw new PlanValidationError(`the inputs of "${node.name}" are partitioned differently`);
    }
    partitioning.set(node.id, first);
    place(
      node,
      first.partitions,
      inputs.map((i) => i.edge),
    );
  }
  return { nodes: physical, stages, byId };
}

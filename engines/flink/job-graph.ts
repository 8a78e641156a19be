/**
 * Plan → job graph, Flink's StreamGraph → JobGraph step:
 *
 *   Plan ─normalize─▶ nodes ─resolve keyBy─▶ edges (forward | hash) ─chain─▶ vertices (tasks)
 *
 * 1. normalize: composite nodes become primitives (join → coProcess).
 * 2. keyBy nodes become the partitioning of the edge that leaves them. A keyBy on a stream already
 *    partitioned by the same key name, at the same parallelism, is a forward edge (Flink's
 *    reinterpretAsKeyedStream; the workload promises the key is unchanged in between).
 * 3. chaining (Flink's isChainable): a node joins its input's vertex when chaining is on, it has one
 *    input, the edge is forward, and the parallelism is equal. Anything else starts a new vertex.
 * Parallelism: sources have one subtask per split; keyed nodes use the configured parallelism;
 * stateless nodes and sinks inherit their input's.
 */
import { PlanValidationError } from '../../harness/errors.js';
import type { NodeId, Plan, PlanNode } from '../../workloads/plan/index.js';
import { normalize } from '../../workloads/plan/index.js';

export type KeyOf = (value: unknown) => string;
export type Partitioning = { readonly type: 'forward' } | { readonly type: 'hash'; readonly keyOf: KeyOf };

export interface Edge {
  readonly from: NodeId;
  readonly to: NodeId;
  /** 0, or 1 for the right input of a two-input node. */
  readonly inputIndex: number;
  readonly partitioning: Partitioning;
  /** The key of the records on this edge, for keyed consumers. */
  readonly keyOf: KeyOf | null;
}

export interface Vertex {
  readonly id: number;
  readonly parallelism: number;
  /** Chained nodes in topological order; the first is the head. */
  readonly nodes: PlanNode[];
}

export interface JobGraph {
  readonly nodes: readonly PlanNode[];
  readonly edges: readonly Edge[];
  readonly vertices: readonly Vertex[];
  readonly vertexOf: ReadonlyMap<NodeId, Vertex>;
  /** Edges leaving each node, keyBy nodes resolved away. */
  readonly consumers: ReadonlyMap<NodeId, Edge[]>;
}

interface StreamInfo {
  parallelism: number;
  keyName: string | null;
  keyOf: KeyOf | null;
}

export function buildJobGraph(
  plan: Plan,
  opts: { parallelism: number; chaining: boolean; sourceSplits: (input: string) => number },
): JobGraph {
  const nodes = normalize(plan).nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const info = new Map<NodeId, StreamInfo>();
  const edges: Edge[] = [];
  const vertices: Vertex[] = [];
  const vertexOf = new Map<NodeId, Vertex>();
  const consumers = new Map<NodeId, Edge[]>();

  const newVertex = (node: PlanNode, parallelism: number) => {
    const v: Vertex = { id: vertices.length, parallelism, nodes: [node] };
    vertices.push(v);
    vertexOf.set(node.id, v);
  };

  for (const node of nodes) {
    if (node.kind === 'source') {
      info.set(node.id, { parallelism: opts.sourceSplits(node.input), keyName: null, keyOf: null });
      newVertex(node, info.get(node.id)!.parallelism);
      continue;
    }
    if (node.kind === 'keyBy') continue; // resolved on the edges leaving it
    const keyed = node.kind === 'window' || node.kind === 'process' || node.kind === 'coProcess';
    const inEdges = node.inputs.map((inputId, inputIndex) => {
      const input = byId.get(inputId)!;
      const upstream = input.kind === 'keyBy' ? input.inputs[0] : inputId;
      const up = info.get(upstream)!;
      const parallelism = keyed ? opts.parallelism : up.parallelism;
      let partitioning: Partitioning = { type: 'forward' };
      let keyOf = up.keyOf;
      let keyName = up.keyName;
      if (input.kind === 'keyBy') {
        keyOf = input.keyOf;
        keyName = input.keyName;
        const alreadyPartitioned = up.keyName === input.keyName && up.parallelism === parallelism;
        if (!alreadyPartitioned) partitioning = { type: 'hash', keyOf: input.keyOf };
      } else if (up.parallelism !== parallelism) {
        throw new PlanValidationError(
          `node "${node.name}" is keyed but its input "${input.name}" is not keyBy`,
        );
      }
      if (keyed && keyOf === null) {
        throw new PlanValidationError(`keyed node "${node.name}" needs a keyBy before it`);
      }
      const edge: Edge = { from: upstream, to: node.id, inputIndex, partitioning, keyOf };
      edges.push(edge);
      consumers.set(upstream, [...(consumers.get(upstream) ?? []), edge]);
      return { edge, parallelism, keyName, keyOf };
    });
    const first = inEdges[0];
    info.set(node.id, { parallelism: first.parallelism, keyName: first.keyName, keyOf: first.keyOf });
    const upVertex = vertexOf.get(first.edge.from)!;
    const chainable =
      opts.chaining &&
      inEdges.length === 1 &&
      first.edge.partitioning.type === 'forward' &&
      upVertex.parallelism === first.parallelism;
    if (chainable) {
      upVertex.nodes.push(node);
      vertexOf.set(node.id, upVertex);
    } else {
      newVertex(node, first.parallelism);
    }
  }
  return { nodes, edges, vertices, vertexOf, consumers };
}

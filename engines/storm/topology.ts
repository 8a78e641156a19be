/**
 * Plan → Storm topology (what TopologyBuilder produces): one spout component per source, one bolt
 * component per other node, and a subscription (stream grouping) per plan edge.
 *
 *   Plan nodes (joins kept) ─keyBy resolved─▶ subscriptions: fieldsGrouping | localOrShuffleGrouping
 *
 * Storm has no operator chaining: every node is its own bolt, and every tuple crosses a queue.
 * - A keyBy becomes a fields grouping on its key (hashed with Flink's key groups, so every FlinkCoin
 *   engine partitions identically). A second keyBy on the same key stays a fields grouping: Storm has
 *   nothing like Flink's reinterpretAsKeyedStream.
 * - Any other edge is a localOrShuffleGrouping between components of equal parallelism, pinned to the
 *   same-index task. Departure: Storm's shuffle would pick any local task; pinning keeps the per-key
 *   arrival order that keyed bolts downstream rely on (the order book does).
 * Parallelism: a spout has one task per source split; keyed bolts the configured parallelism;
 * stateless bolts and sinks their input's.
 */
import { PlanValidationError } from '../../harness/errors.js';
import type { NodeId, Plan, PlanNode } from '../../workloads/plan/index.js';

/** The key a keyBy extracts (a fields grouping's field). */
export type KeyOf = (value: unknown) => string;

/** How the tuples of one stream are split over the consumer's tasks. */
export type Grouping = { readonly type: 'fields'; readonly keyOf: KeyOf } | { readonly type: 'local' };

/** A consumer's subscription to a producer's output (one plan edge). */
export interface Subscription {
  readonly from: Component;
  readonly to: Component;
  /** 0, or 1 for the right input of a two-input bolt. */
  readonly inputIndex: number;
  readonly grouping: Grouping;
  /** The key of the tuples on this stream, for keyed bolts. */
  readonly keyOf: KeyOf | null;
}

/** A spout or bolt with its parallelism (number of executors, one task each). */
export interface Component {
  readonly node: PlanNode;
  readonly parallelism: number;
  /** Subscriptions by input index. */
  readonly inputs: Subscription[];
  readonly outputs: Subscription[];
  /** The key of the stream this component emits (null when it is not keyed). */
  readonly keyOf: KeyOf | null;
}

const isKeyed = (n: PlanNode) =>
  n.kind === 'window' || n.kind === 'process' || n.kind === 'coProcess' || n.kind === 'join';

/**
 * Builds the components in topological order; `splits(input)` is the number of readers bound to a
 * source.
 */
export function buildTopology(
  plan: Plan,
  parallelism: number,
  splits: (input: string) => number,
): Component[] {
  // Joins stay joins: the bolt for one depends on whether the topology has stateful bolts (bolts/create.ts).
  const nodes = plan.nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const byNode = new Map<NodeId, Component>();
  const components: Component[] = [];

  for (const node of nodes) {
    if (node.kind === 'keyBy') continue; // resolved on the subscriptions leaving it
    if (node.kind === 'source') {
      const spout: Component = {
        node,
        parallelism: splits(node.input),
        inputs: [],
        outputs: [],
        keyOf: null,
      };
      components.push(spout);
      byNode.set(node.id, spout);
      continue;
    }
    const ups = node.inputs.map((inputId) => {
      const input = byId.get(inputId)!;
      const keyBy = input.kind === 'keyBy' ? input : null;
      return { input, keyBy, from: byNode.get(keyBy === null ? inputId : input.inputs[0])! };
    });
    const p = isKeyed(node) ? parallelism : ups[0].from.parallelism;
    const first = ups[0];
    const bolt: Component = {
      node,
      parallelism: p,
      inputs: [],
      outputs: [],
      keyOf: first.keyBy?.keyOf ?? first.from.keyOf,
    };
    ups.forEach(({ input, keyBy, from }, inputIndex) => {
      if (keyBy === null && (from.parallelism !== p || (isKeyed(node) && from.keyOf === null))) {
        throw new PlanValidationError(`keyed node "${node.name}" needs a keyBy before input "${input.name}"`);
      }
      const sub: Subscription = {
        from,
        to: bolt,
        inputIndex,
        grouping: keyBy === null ? { type: 'local' } : { type: 'fields', keyOf: keyBy.keyOf },
        keyOf: keyBy?.keyOf ?? from.keyOf,
      };
      bolt.inputs.push(sub);
      from.outputs.push(sub);
    });
    components.push(bolt);
    byNode.set(node.id, bolt);
  }
  return components;
}

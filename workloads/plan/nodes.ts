/**
 * The logical plan: a DAG of plain nodes that says *what* to compute. Engines decide *how*.
 *
 * A plan is built in any process from plain data (workload name + config + seed) by the workload
 * registry, never shipped across processes: the user functions it holds are code, not data.
 *
 * Node kinds, one line each:
 *   source    named input bound by the harness at run time (dataset, generator, Kafka)
 *   map       one in, one out
 *   filter    one in, zero or one out
 *   flatMap   one in, any number out
 *   keyBy     hash-partition by a named key; what follows is keyed
 *   window    keyed event-time window with an incremental aggregate
 *   process   keyed stateful function with event-time timers
 *   coProcess keyed two-input function (what `join` lowers to)
 *   join      keyed equi-join of two inputs on a join key, with expiry (normalised to coProcess)
 *   sink      named output bound by the harness at run time; every output has a deterministic id
 */
import type { AggregateFunction, KeyedCoProcessFunction, KeyedProcessFunction, Millis } from './functions.js';

export type NodeId = number;

interface NodeBase {
  readonly id: NodeId;
  /** Human name, unique in the plan: shown in plans, metrics and reports. */
  readonly name: string;
  readonly inputs: readonly NodeId[];
}

/** Event-time policy of a source: Flink's BoundedOutOfOrderness strategy. */
export interface WatermarkStrategy {
  /** No event older than (max event time seen − this bound) is expected. */
  readonly maxOutOfOrdernessMs: Millis;
}

export interface SourceNode extends NodeBase {
  readonly kind: 'source';
  readonly input: string;
  readonly watermarks: WatermarkStrategy;
}
export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly fn: (value: unknown) => unknown;
}
export interface FilterNode extends NodeBase {
  readonly kind: 'filter';
  readonly fn: (value: unknown) => boolean;
}
export interface FlatMapNode extends NodeBase {
  readonly kind: 'flatMap';
  readonly fn: (value: unknown, emit: (value: unknown) => void) => void;
}
export interface KeyByNode extends NodeBase {
  readonly kind: 'keyBy';
  /** Names the key: two keyBy nodes with the same keyName partition identically. */
  readonly keyName: string;
  readonly keyOf: (value: unknown) => string;
}

export type WindowAssigner =
  | { readonly type: 'tumbling'; readonly sizeMs: Millis; readonly offsetMs?: Millis }
  | {
      readonly type: 'sliding';
      readonly sizeMs: Millis;
      readonly slideMs: Millis;
      readonly offsetMs?: Millis;
    };

export interface WindowNode extends NodeBase {
  readonly kind: 'window';
  readonly assigner: WindowAssigner;
  readonly aggregate: AggregateFunction<unknown, unknown, unknown>;
}
export interface ProcessNode extends NodeBase {
  readonly kind: 'process';
  readonly fn: KeyedProcessFunction<unknown, unknown>;
}
export interface CoProcessNode extends NodeBase {
  readonly kind: 'coProcess';
  readonly fn: KeyedCoProcessFunction<unknown, unknown, unknown>;
}

/** Equi-join on (key, joinKey); unmatched entries expire once the watermark passes their expiry. */
export interface JoinSpec<L, R, O> {
  readonly leftJoinKey: (value: L) => number;
  readonly rightJoinKey: (value: R) => number;
  /** Event time after which an unmatched entry with this join key is dropped (and counted). */
  readonly expireAt: (joinKey: number) => Millis;
  readonly combine: (left: L, right: R) => O;
}
export interface JoinNode extends NodeBase {
  readonly kind: 'join';
  readonly spec: JoinSpec<unknown, unknown, unknown>;
}

export interface SinkNode extends NodeBase {
  readonly kind: 'sink';
  readonly output: string;
  /** Deterministic output id: the same input gives the same id on every engine and after replay. */
  readonly idOf: (value: unknown) => string;
}

export type PlanNode =
  | SourceNode
  | MapNode
  | FilterNode
  | FlatMapNode
  | KeyByNode
  | WindowNode
  | ProcessNode
  | CoProcessNode
  | JoinNode
  | SinkNode;

export type NodeKind = PlanNode['kind'];

/** A complete logical plan: nodes in topological order (every input precedes its consumer). */
export interface Plan {
  readonly workload: string;
  readonly nodes: readonly PlanNode[];
}

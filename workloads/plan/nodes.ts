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
 *   window    keyed window with an incremental aggregate: event-time tumbling / sliding / session, or
 *             count and data-driven (delta) windows over GlobalWindows; see windows.ts
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

/**
 * Event-time session windows (Flink's EventTimeSessionWindows.withGap): each element opens
 * [ts, ts + gapMs); windows of a key that overlap or touch merge (the aggregate's `merge` combines their
 * accumulators), so a session ends `gapMs` after its last element and fires when the watermark
 * reaches end − 1.
 */
export interface SessionWindowAssigner {
  readonly type: 'session';
  readonly gapMs: Millis;
}

/**
 * Count windows (Flink's countWindow): GlobalWindows with a CountTrigger. Tumbling (no `slide`): fires
 * and purges every `size` elements of a key (PurgingTrigger.of(CountTrigger.of(size))). Sliding: fires
 * every `slide` elements over the key's last `size` elements (CountEvictor.of(size) +
 * CountTrigger.of(slide)). A partial window never fires (a GlobalWindow never ends).
 */
export interface CountWindowAssigner {
  readonly type: 'count';
  readonly size: number;
  readonly slide?: number;
}

/**
 * Data-driven windows (Flink's GlobalWindows + PurgingTrigger.of(DeltaTrigger.of(threshold, delta))):
 * the key's first element becomes the reference; the window fires when
 * `delta(reference, element) > threshold`, and the element that fired becomes the new reference. The
 * window's contents run from the reference to the element that fired, both included: the firing
 * element also opens the next window, so a result sees the reference it moved away from (Flink keeps
 * the reference only in trigger state).
 */
export interface DeltaWindowAssigner {
  readonly type: 'delta';
  readonly threshold: number;
  readonly delta: (reference: unknown, element: unknown) => number;
}

/** Every window a `window` node can have: the time windows above, sessions, counts and deltas. */
export type AnyWindowAssigner =
  | WindowAssigner
  | SessionWindowAssigner
  | CountWindowAssigner
  | DeltaWindowAssigner;

export interface WindowNode extends NodeBase {
  readonly kind: 'window';
  readonly assigner: AnyWindowAssigner;
  readonly aggregate: AggregateFunction<unknown, unknown, unknown>;
  /**
   * Event-time windows only (Flink's allowedLateness, default 0): a window's state is kept until the
   * watermark passes end − 1 + this; an element arriving for a fired window in that time fires it
   * again (a late pane, `window.pane` 1, 2, ...).
   */
  readonly allowedLatenessMs?: Millis;
  /**
   * Event-time windows only (Flink's sideOutputLateData): late elements are emitted as
   * {@link LateElement} envelopes on this node's output instead of being dropped; the builder splits
   * them off into a separate stream (see late-data.ts).
   */
  readonly lateOutput?: boolean;
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
/**
 * The plain data a plan was built from (workloads/registry.ts), carried so that an engine running the
 * workload outside this process and language (the real Flink job, engines/flink-real) can rebuild it.
 */
export interface PlanOrigin {
  readonly model: string;
  /** The workload config with its defaults resolved. */
  readonly config: unknown;
  readonly seed: number;
}

export interface Plan {
  readonly workload: string;
  readonly nodes: readonly PlanNode[];
  readonly origin?: PlanOrigin;
}

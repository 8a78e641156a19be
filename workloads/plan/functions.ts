/**
 * The user-function contracts of the logical plan: what a workload writes and every engine calls.
 *
 * Engines call these synchronously on their hot path, so they must not return promises. State goes
 * through {@link KeyedState} only (never closures captured across calls), so that an engine can snapshot
 * it to bytes for a checkpoint and restore it in another process.
 */

/** Event time and processing time are milliseconds since the Unix epoch. */
export type Millis = number;

/** Counters a function may bump; engines sum them across subtasks and the harness reports them. */
export interface Counters {
  inc(name: string, by?: number): void;
}

/**
 * Keyed state of the current key. Values must survive `JSON.stringify` / `JSON.parse` unchanged
 * (plain objects, arrays, finite numbers, strings, booleans, null): that is the snapshot format.
 */
export interface KeyedState {
  get<T>(name: string): T | undefined;
  set<T>(name: string, value: T): void;
  delete(name: string): void;
  /** Names of this key's state entries that start with `prefix` (all when omitted), in insertion order. */
  names(prefix?: string): string[];
}

/** Event-time timers of the current key. A timer fires once the watermark reaches its time. */
export interface TimerService {
  registerEventTimeTimer(time: Millis): void;
  deleteEventTimeTimer(time: Millis): void;
  currentWatermark(): Millis;
}

/** What a keyed function sees besides the element: its key, state, timers and counters. */
export interface KeyedContext {
  readonly key: string;
  /** Event time of the element being processed, or of the firing timer. */
  readonly timestamp: Millis;
  readonly state: KeyedState;
  readonly timers: TimerService;
  readonly counters: Counters;
}

/** Downstream side of a function: emit a value with an event time (defaults to the input's). */
export interface Collector<T> {
  collect(value: T, timestamp?: Millis): void;
}

/** Keyed stateful processing with event-time timers (Flink's KeyedProcessFunction). */
export interface KeyedProcessFunction<I, O> {
  processElement(value: I, ctx: KeyedContext, out: Collector<O>): void;
  onTimer?(time: Millis, ctx: KeyedContext, out: Collector<O>): void;
}

/** Keyed two-input processing (Flink's KeyedCoProcessFunction): both inputs share key space and state. */
export interface KeyedCoProcessFunction<L, R, O> {
  processLeft(value: L, ctx: KeyedContext, out: Collector<O>): void;
  processRight(value: R, ctx: KeyedContext, out: Collector<O>): void;
  onTimer?(time: Millis, ctx: KeyedContext, out: Collector<O>): void;
}

/** Incremental window aggregation (Flink's AggregateFunction plus a window-aware result). */
export interface AggregateFunction<I, A, O> {
  create(): A;
  /** Adds a value; may mutate and return the accumulator. Called in per-key arrival order. */
  add(acc: A, value: I, timestamp: Millis): A;
  result(key: string, window: TimeWindow, acc: A): O;
  /**
   * Combines the accumulators of two windows that merge (Flink's AggregateFunction.merge); `a` holds
   * the earlier elements. Session windows need it.
   */
  merge?(a: A, b: A): A;
}

/**
 * A half-open event-time interval [start, end). Its results carry timestamp `end - 1`, as in Flink.
 * For count and delta windows (GlobalWindows in Flink, which have no bounds) it spans the window's
 * elements: start = the earliest event time, end = the latest + 1.
 */
export interface TimeWindow {
  readonly start: Millis;
  readonly end: Millis;
  /** Count and delta windows: which window of its key this is (0, 1, 2, ... in arrival order). */
  readonly seq?: number;
  /** Which firing of this window the result is: 0 on time, 1, 2, ... late firings (allowed lateness). */
  readonly pane?: number;
}

/**
 * Which window each real system offers natively and which the FlinkCoin adapter emulates on it, with
 * the source for each claim next to it. FlinkCoin runs every window on every engine (the shared window
 * machines, engines/shared/windows); this table says whether a user of the real system would have it.
 */

export const WINDOW_KINDS = ['tumbling', 'sliding', 'session', 'count', 'delta', 'lateness'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export interface WindowSupport {
  readonly native: boolean;
  /** How the real system expresses it, or what one would have to write. */
  readonly how: string;
  readonly source: string;
}

const FLINK_WINDOWS =
  'https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/operators/windows/';
const SPARK_WINDOWS =
  'https://spark.apache.org/docs/latest/structured-streaming-programming-guide.html#types-of-time-windows';
const SPARK_SESSION =
  'https://spark.apache.org/docs/latest/api/python/reference/pyspark.sql/api/pyspark.sql.functions.session_window.html';
const SPARK_STATEFUL =
  'https://spark.apache.org/docs/latest/structured-streaming-programming-guide.html#arbitrary-stateful-operations';
const STORM_WINDOWS = 'https://storm.apache.org/releases/current/Windowing.html';
const NAIAD_PAPER = 'https://dl.acm.org/doi/10.1145/2517349.2522738';
const TIMELY_DOCS = 'https://docs.rs/timely/latest/timely/dataflow/operators/index.html';

export const WINDOW_SUPPORT: Readonly<Record<string, Readonly<Record<WindowKind, WindowSupport>>>> = {
  flink: {
    tumbling: { native: true, how: 'TumblingEventTimeWindows', source: FLINK_WINDOWS },
    sliding: { native: true, how: 'SlidingEventTimeWindows', source: FLINK_WINDOWS },
    session: {
      native: true,
      how: 'EventTimeSessionWindows.withGap (merging windows)',
      source: FLINK_WINDOWS,
    },
    count: {
      native: true,
      how: 'countWindow(size[, slide]): GlobalWindows + CountTrigger',
      source: FLINK_WINDOWS,
    },
    delta: { native: true, how: 'GlobalWindows + DeltaTrigger', source: FLINK_WINDOWS },
    lateness: { native: true, how: 'allowedLateness + sideOutputLateData', source: FLINK_WINDOWS },
  },
  spark: {
    tumbling: { native: true, how: 'window(col, duration)', source: SPARK_WINDOWS },
    sliding: { native: true, how: 'window(col, duration, slide)', source: SPARK_WINDOWS },
    session: {
      native: true,
      how: 'session_window(col, gap), evicted per micro-batch',
      source: SPARK_SESSION,
    },
    count: { native: false, how: 'none; flatMapGroupsWithState by hand', source: SPARK_STATEFUL },
    delta: { native: false, how: 'none; flatMapGroupsWithState by hand', source: SPARK_STATEFUL },
    lateness: {
      native: false,
      how: 'withWatermark drops late rows; no late firings or side output',
      source: SPARK_WINDOWS,
    },
  },
  storm: {
    tumbling: { native: true, how: 'withTumblingWindow(Duration)', source: STORM_WINDOWS },
    sliding: { native: true, how: 'withWindow(Duration, Duration)', source: STORM_WINDOWS },
    session: { native: false, how: 'none; a stateful bolt by hand', source: STORM_WINDOWS },
    count: {
      native: true,
      how: 'withWindow(Count[, Count]), withTumblingWindow(Count)',
      source: STORM_WINDOWS,
    },
    delta: { native: false, how: 'none; a bolt by hand', source: STORM_WINDOWS },
    lateness: { native: true, how: 'withLag + withLateTupleStream (no late firings)', source: STORM_WINDOWS },
  },
  naiad: {
    tumbling: {
      native: false,
      how: 'no window library: notify at the epoch that ends it',
      source: NAIAD_PAPER,
    },
    sliding: { native: false, how: 'notifications per window end', source: NAIAD_PAPER },
    session: { native: false, how: 'notify when the frontier passes last + gap', source: TIMELY_DOCS },
    count: { native: false, how: 'per-key state in a unary operator', source: TIMELY_DOCS },
    delta: { native: false, how: 'per-key state in a unary operator', source: TIMELY_DOCS },
    lateness: { native: false, how: 'none: epochs are complete when notified', source: NAIAD_PAPER },
  },
};

/**
 * A pane of an event-time window (tumbling, sliding or session): its bounds, incremental accumulator,
 * the stamps of its latest input, how often it has fired, and the tags of its elements. Plain data,
 * so a machine's state snapshots as is.
 */
import type { AggregateFunction, Millis } from '../../../workloads/plan/index.js';
import { NO_TAGS, type WindowEmit, withTag } from './window-machine.js';

export interface Pane {
  start: Millis;
  end: Millis;
  acc: unknown;
  createdAt: Millis;
  ingestedAt: Millis;
  /** Firings so far: the next result's `pane` index (0 on time, then late firings). */
  fired: number;
  /** Elements arrived since the last firing: the pane fires when the watermark reaches end − 1. */
  pending: boolean;
  tags: number[];
  /** Session windows: the time of the timer that will next look at this pane (NaN: none yet). */
  timerAt?: Millis;
}

export function newPane(
  start: Millis,
  end: Millis,
  aggregate: AggregateFunction<unknown, unknown, unknown>,
  createdAt: Millis,
  ingestedAt: Millis,
): Pane {
  return {
    start,
    end,
    acc: aggregate.create(),
    createdAt,
    ingestedAt,
    fired: 0,
    pending: false,
    tags: NO_TAGS as number[],
  };
}

/** Adds one element to a pane. */
export function addToPane(
  pane: Pane,
  aggregate: AggregateFunction<unknown, unknown, unknown>,
  value: unknown,
  ts: Millis,
  createdAt: Millis,
  ingestedAt: Millis,
  tag: number,
): void {
  pane.acc = aggregate.add(pane.acc, value, ts);
  if (createdAt > pane.createdAt) pane.createdAt = createdAt;
  if (ingestedAt > pane.ingestedAt) pane.ingestedAt = ingestedAt;
  pane.tags = withTag(pane.tags, tag);
  pane.pending = true;
}

/** Emits the pane's result (timestamp end − 1, as Flink's window.maxTimestamp()) and counts the firing. */
export function firePane(
  key: string,
  pane: Pane,
  aggregate: AggregateFunction<unknown, unknown, unknown>,
  emit: WindowEmit,
): void {
  const result = aggregate.result(key, { start: pane.start, end: pane.end, pane: pane.fired }, pane.acc);
  pane.fired++;
  pane.pending = false;
  emit(result, pane.end - 1, pane.createdAt, pane.ingestedAt, pane.tags);
}

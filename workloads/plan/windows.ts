/**
 * Window assignment maths, shared by every engine so that window bounds agree to the millisecond.
 * Same formula as Flink's `TimeWindow.getWindowStartWithOffset`.
 */
import type { Millis, TimeWindow } from './functions.js';
import type { AnyWindowAssigner, WindowAssigner } from './nodes.js';

export function windowStart(timestamp: Millis, sizeMs: Millis, offsetMs = 0): Millis {
  const remainder = (timestamp - offsetMs) % sizeMs;
  return remainder < 0 ? timestamp - (remainder + sizeMs) : timestamp - remainder;
}

/** Every window the element at `timestamp` belongs to, in ascending start order. */
export function assignWindows(assigner: WindowAssigner, timestamp: Millis): TimeWindow[] {
  if (assigner.type === 'tumbling') {
    const start = windowStart(timestamp, assigner.sizeMs, assigner.offsetMs);
    return [{ start, end: start + assigner.sizeMs }];
  }
  const windows: TimeWindow[] = [];
  const last = windowStart(timestamp, assigner.slideMs, assigner.offsetMs);
  for (let start = last; start > timestamp - assigner.sizeMs; start -= assigner.slideMs) {
    windows.unshift({ start, end: start + assigner.sizeMs });
  }
  return windows;
}

/** The timestamp a window's result carries: the largest event time it can contain. */
export function windowMaxTimestamp(window: TimeWindow): Millis {
  return window.end - 1;
}

/** Tumbling and sliding event-time windows: bounds fixed by the timestamp alone. */
export function isTimeAssigner(assigner: AnyWindowAssigner): assigner is WindowAssigner {
  return assigner.type === 'tumbling' || assigner.type === 'sliding';
}

/** Windows that end by event time (and so can be late): tumbling, sliding and session windows. */
export function isEventTimeAssigner(assigner: AnyWindowAssigner): boolean {
  return isTimeAssigner(assigner) || assigner.type === 'session';
}

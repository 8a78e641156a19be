/**
 * Shared window state machines: the pane logic of session, count, delta and late-aware event-time
 * windows, written once and wrapped by each engine in its own execution model (Flink: per record and
 * per watermark; Spark: per micro-batch, firing at the batch's end; Storm: per tuple, holding tuples
 * until their windows go; Naiad: per message, firing on epoch notifications). Plain tumbling and
 * sliding windows without lateness keep each engine's own fast path.
 *
 * A machine keeps per-key state and a timer queue. Engines drive it with:
 *   element(key, value, ts, createdAt, ingestedAt, tag, emit)   an element arrives (count and delta
 *                                                               windows may fire here)
 *   advance(wm, emit)                                           fire and purge what `wm` makes due
 *   watermark                                                   the watermark lateness is judged by
 * `tag` is an engine's handle on the element (Storm: its held-tuple index; −1 for none): a result is
 * emitted with the tags of its window's elements, and hooks say when a tag enters a window and when a
 * window holding tags is gone.
 */
import type { Millis } from '../../../workloads/plan/index.js';

/** Where a machine sends a result (or a late element): stamps of its latest input, and its tags. */
export type WindowEmit = (
  value: unknown,
  ts: Millis,
  createdAt: Millis,
  ingestedAt: Millis,
  tags: readonly number[],
) => void;

/** What an engine wants to hear about besides results; all optional. */
export interface WindowHooks {
  /** Storm: element `tag` is in one more window. */
  enter?(tag: number): void;
  /** Storm: a window holding these tags is gone (purged or evicted): each is in one window fewer. */
  leave?(tags: readonly number[]): void;
  /** Naiad: something is due when the watermark reaches `time` (a notification to ask for). */
  schedule?(time: Millis): void;
}

/** A machine's checkpoint: its watermark and every key's state, as plain data. */
export interface WindowMachineSnapshot {
  readonly watermark: Millis;
  readonly keys: [key: string, state: unknown][];
}

export interface WindowMachine {
  /** The watermark lateness is judged by; `advance` raises it, an engine may set it (Spark, Naiad). */
  watermark: Millis;
  element(
    key: string,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    tag: number,
    emit: WindowEmit,
  ): void;
  /** Fires (and purges) everything due at or before `wm`, in (due time, registration) order. */
  advance(wm: Millis, emit: WindowEmit): void;
  /** Keys whose state changed since the last call (Spark's state store commits them). */
  takeDirty(): string[];
  keys(): Iterable<string>;
  /** The key's state as plain data, or undefined when it has none. */
  encodeKey(key: string): unknown;
  restoreKey(key: string, encoded: unknown): void;
  /** Re-registers the timers of every key's state (after restoreKey calls). */
  rebuildTimers(): void;
  snapshot(): WindowMachineSnapshot;
  restore(snapshot: WindowMachineSnapshot): void;
}

/** The tags of a window that holds none, shared (never mutated). */
export const NO_TAGS: readonly number[] = Object.freeze([]);

/** Appends `tag` to `tags` (copying the shared empty list first); −1 adds nothing. */
export function withTag(tags: number[], tag: number): number[] {
  if (tag < 0) return tags;
  if (tags === NO_TAGS) return [tag];
  tags.push(tag);
  return tags;
}

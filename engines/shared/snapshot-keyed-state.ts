/**
 * The heap keyed-state backend and KeyedContext of keyed-context.ts, with snapshot and restore for
 * engines that checkpoint (Flink's HashMapStateBackend). keyed-context.ts keeps its maps private, so a
 * checkpointing engine uses these instead; the behaviour user functions see is the same.
 *
 * Snapshots are plain data for engines/shared/snapshot-codec.ts. They reference the live state
 * objects: encode them at once (the encoding is the copy).
 */
import type { Counters, KeyedContext, KeyedState, Millis, TimerService } from '../../workloads/plan/index.js';
import type { TimerQueue } from './timer-queue.js';

/** Every key's named state entries, in insertion order. */
export type KeyedStateSnapshot = [key: string, entries: [name: string, value: unknown][]][];

/** Live event-time timers in firing order. */
export type TimersSnapshot = [time: Millis, key: string][];

/** A Map per key, as HeapKeyedState, that can list and reload all of its keys. */
export class SnapshotKeyedState implements KeyedState {
  private readonly byKey = new Map<string, Map<string, unknown>>();
  private current: Map<string, unknown> = new Map();

  setKey(key: string): void {
    let entries = this.byKey.get(key);
    if (entries === undefined) {
      entries = new Map();
      this.byKey.set(key, entries);
    }
    this.current = entries;
  }

  get<T>(name: string): T | undefined {
    return this.current.get(name) as T | undefined;
  }
  set<T>(name: string, value: T): void {
    this.current.set(name, value);
  }
  delete(name: string): void {
    this.current.delete(name);
  }
  names(prefix?: string): string[] {
    const all = [...this.current.keys()];
    return prefix === undefined ? all : all.filter((n) => n.startsWith(prefix));
  }

  snapshot(): KeyedStateSnapshot {
    const out: KeyedStateSnapshot = [];
    for (const [key, entries] of this.byKey) if (entries.size > 0) out.push([key, [...entries]]);
    return out;
  }

  /** Replaces all state with a snapshot's (decoded, so the objects are this backend's own). */
  restore(snapshot: KeyedStateSnapshot): void {
    this.byKey.clear();
    this.current = new Map();
    for (const [key, entries] of snapshot) this.byKey.set(key, new Map(entries));
  }
}

/**
 * The timers of a TimerQueue in firing order. The queue has no iterator, so they are polled out and
 * registered again in the same order, which keeps the order among timers of equal time.
 */
export function snapshotTimers(queue: TimerQueue): TimersSnapshot {
  const timers: TimersSnapshot = [];
  for (let t = queue.pollUpTo(Number.POSITIVE_INFINITY); t !== null; ) {
    timers.push([t.time, t.key]);
    t = queue.pollUpTo(Number.POSITIVE_INFINITY);
  }
  for (const [time, key] of timers) queue.register(key, time);
  return timers;
}

/** Registers a snapshot's timers on an empty queue. */
export function restoreTimers(queue: TimerQueue, timers: TimersSnapshot): void {
  if (queue.size !== 0) throw new Error(`restoring timers into a queue that holds ${queue.size}`);
  for (const [time, key] of timers) queue.register(key, time);
}

/** The context a keyed operator hands to user functions (as KeyedContextImpl), over SnapshotKeyedState. */
export class SnapshotKeyedContext implements KeyedContext, TimerService {
  key = '';
  timestamp: Millis = 0;
  watermark: Millis = Number.NEGATIVE_INFINITY;
  readonly state = new SnapshotKeyedState();
  readonly timers: TimerService = this;

  constructor(
    private readonly queue: TimerQueue,
    readonly counters: Counters,
  ) {}

  setKey(key: string, timestamp: Millis): void {
    this.key = key;
    this.timestamp = timestamp;
    this.state.setKey(key);
  }

  registerEventTimeTimer(time: Millis): void {
    this.queue.register(this.key, time);
  }
  deleteEventTimeTimer(time: Millis): void {
    this.queue.delete(this.key, time);
  }
  currentWatermark(): Millis {
    return this.watermark;
  }
}

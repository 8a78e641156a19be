/**
 * The heap keyed-state backend (Flink's HashMapStateBackend) and the `KeyedContext` a keyed operator
 * hands to user functions. State is a Map per key; the context object is reused across records (set the
 * key, then call). Engines that checkpoint take `snapshot()`s: plain data for snapshot-codec.ts that
 * references the live state objects, so encode it at once (the encoding is the copy).
 */
import type { Counters, KeyedContext, KeyedState, Millis, TimerService } from '../../workloads/plan/index.js';
import type { TimerQueue } from './timer-queue.js';

/** Every key's named state entries, in insertion order. */
export type KeyedStateSnapshot = [key: string, entries: [name: string, value: unknown][]][];

export class HeapKeyedState implements KeyedState {
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

/** The context over a state backend: HeapKeyedState, or an engine's subclass of it (Storm's KeyValueState). */
export class KeyedContextImpl<S extends HeapKeyedState = HeapKeyedState>
  implements KeyedContext, TimerService
{
  key = '';
  timestamp: Millis = 0;
  watermark: Millis = Number.NEGATIVE_INFINITY;
  readonly state: S;
  readonly timers: TimerService = this;

  constructor(
    private readonly queue: TimerQueue,
    readonly counters: Counters,
    state?: S,
  ) {
    this.state = state ?? (new HeapKeyedState() as S);
  }

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

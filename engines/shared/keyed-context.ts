/**
 * The heap keyed-state backend and the `KeyedContext` a keyed operator hands to user functions.
 * State is a Map per key; the context object is reused across records (set the key, then call).
 */
import type { Counters, KeyedContext, KeyedState, Millis, TimerService } from '../../workloads/plan/index.js';
import type { TimerQueue } from './timer-queue.js';

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
}

export class KeyedContextImpl implements KeyedContext, TimerService {
  key = '';
  timestamp: Millis = 0;
  watermark: Millis = Number.NEGATIVE_INFINITY;
  readonly state = new HeapKeyedState();
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

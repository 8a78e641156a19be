/**
 * Keyed state of a process/coProcess operator partition, as its state store sees it (Spark keeps a
 * flatMapGroupsWithState group's state and timeout timestamp in one state-store row): per key, the
 * named values and the event-time timers. It records which keys a batch touched, so the commit writes
 * only those (the delta). Values are mutated in place by user functions, so any key set current counts
 * as touched.
 *
 * `ProcessContext` is the KeyedContext user functions receive: state of the current key, timers kept
 * both here (durable, per key) and in a TimerQueue (firing order), and the batch's watermark.
 */
import type {
  Counters,
  KeyedContext,
  KeyedState,
  Millis,
  TimerService,
} from '../../../workloads/plan/index.js';
import type { TimerQueue } from '../../shared/timer-queue.js';
import type { StateRows } from './state-store.js';

interface KeyEntry {
  readonly values: Map<string, unknown>;
  readonly timers: Set<Millis>;
  dirty: boolean;
}

/** Encoded form of one key's state in delta and snapshot files (serialized before the next row runs). */
interface EncodedKey {
  v: Map<string, unknown>;
  t: Set<Millis>;
}

/** Keyed state of one operator partition: what user functions read and write, and what its store commits. */
export class KeyedStateMap implements KeyedState, StateRows {
  private readonly entries = new Map<string, KeyEntry>();
  private dirty: string[] = [];
  private currentKey = '';
  private current: KeyEntry | null = null;

  setKey(key: string): void {
    if (this.current !== null && key === this.currentKey) return;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { values: new Map(), timers: new Set(), dirty: false };
      this.entries.set(key, entry);
    }
    if (!entry.dirty) {
      entry.dirty = true;
      this.dirty.push(key);
    }
    this.currentKey = key;
    this.current = entry;
  }

  get<T>(name: string): T | undefined {
    return this.current!.values.get(name) as T | undefined;
  }
  set<T>(name: string, value: T): void {
    this.current!.values.set(name, value);
  }
  delete(name: string): void {
    this.current!.values.delete(name);
  }
  names(prefix?: string): string[] {
    const all = [...this.current!.values.keys()];
    return prefix === undefined ? all : all.filter((n) => n.startsWith(prefix));
  }

  /** Adds a timer to the current key; false if it was already set. */
  addTimer(time: Millis): boolean {
    const timers = this.current!.timers;
    if (timers.has(time)) return false;
    timers.add(time);
    return true;
  }
  removeTimer(time: Millis): void {
    this.current!.timers.delete(time);
  }

  /** Every (key, time) timer, to rebuild the firing queue after a restore. */
  *allTimers(): Iterable<[string, Millis]> {
    for (const [key, entry] of this.entries) for (const time of entry.timers) yield [key, time];
  }

  takeDirty(): readonly string[] {
    const dirty = this.dirty;
    for (const key of dirty) {
      const entry = this.entries.get(key);
      if (entry !== undefined) entry.dirty = false;
    }
    this.dirty = [];
    this.current = null;
    return dirty;
  }

  keys(): Iterable<string> {
    return this.entries.keys();
  }

  encode(key: string): EncodedKey | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.values.size === 0 && entry.timers.size === 0) {
      this.entries.delete(key);
      return undefined;
    }
    return { v: entry.values, t: entry.timers };
  }

  restore(key: string, encoded: unknown): void {
    if (encoded === undefined) {
      this.entries.delete(key);
      return;
    }
    const { v, t } = encoded as EncodedKey;
    this.entries.set(key, { values: v, timers: t, dirty: false });
  }
}

/** Reused for every row (set the key, then call the user function): no allocation per row. */
export class ProcessContext implements KeyedContext, TimerService {
  key = '';
  timestamp: Millis = 0;
  /** The batch's watermark: fixed for the whole micro-batch. */
  watermark: Millis = Number.NEGATIVE_INFINITY;
  readonly timers: TimerService = this;

  constructor(
    readonly state: KeyedStateMap,
    private readonly queue: TimerQueue,
    readonly counters: Counters,
  ) {}

  setKey(key: string, timestamp: Millis): void {
    this.key = key;
    this.timestamp = timestamp;
    this.state.setKey(key);
  }

  registerEventTimeTimer(time: Millis): void {
    if (this.state.addTimer(time)) this.queue.register(this.key, time);
  }
  deleteEventTimeTimer(time: Millis): void {
    this.state.removeTimer(time);
    this.queue.delete(this.key, time);
  }
  currentWatermark(): Millis {
    return this.watermark;
  }
}

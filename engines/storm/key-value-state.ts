/**
 * Keyed state of a bolt task: Storm's KeyValueState as InMemoryKeyValueState keeps it (the default
 * provider [ST-STATE-SRC]), partitioned by the plan's key so user functions see the current key's
 * entries. In a plain topology it is just memory, lost with the worker (Storm core). With stateful bolts
 * the checkpoint protocol drives it: prepareCommit(txid) saves a copy, commit(txid) makes that copy the
 * committed one, rollback() restores the committed copy (empty before the first commit).
 *
 * Departure: Storm's copies are shallow (values are meant to be immutable); FlinkCoin's functions update
 * values in place, so the copies are deep (values are JSON-safe by contract). Event-time timers are not
 * part of the state (Storm's bolts have none); a rollback leaves them, and the join's expiry timer scans
 * for what is still there, so a spurious or missing firing changes nothing it emits.
 */
import type { Counters, KeyedContext, KeyedState, Millis, TimerService } from '../../workloads/plan/index.js';
import type { TimerQueue } from '../shared/timer-queue.js';

type Entries = Map<string, Map<string, unknown>>;

/** One bolt task's keyed state, with Storm's prepare/commit/rollback for stateful bolts. */
export class KeyValueState implements KeyedState {
  private byKey: Entries = new Map();
  private current: Map<string, unknown> = new Map();
  private prepared: { readonly txid: number; readonly entries: Entries } | null = null;
  private committed: Entries = new Map();

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

  /** PREPARE: keeps a copy of the state as it is now, for transaction `txid`. */
  prepareCommit(txid: number): void {
    if (this.prepared !== null && txid < this.prepared.txid) {
      throw new RangeError(`prepareCommit(${txid}) after prepareCommit(${this.prepared.txid})`);
    }
    this.prepared = { txid, entries: structuredClone(this.byKey) };
  }

  /** COMMIT: the prepared copy of `txid` becomes the committed state. */
  commit(txid: number): void {
    if (this.prepared?.txid !== txid) return;
    this.committed = this.prepared.entries;
    this.prepared = null;
  }

  /** ROLLBACK: back to the last committed state. */
  rollback(): void {
    this.prepared = null;
    this.byKey = structuredClone(this.committed);
    this.current = new Map();
  }
}

/** The KeyedContext a keyed bolt hands to user functions: reused across tuples (set the key, then call). */
export class BoltKeyedContext implements KeyedContext, TimerService {
  key = '';
  timestamp: Millis = 0;
  watermark: Millis = Number.NEGATIVE_INFINITY;
  readonly state = new KeyValueState();
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

/**
 * Keyed state of a bolt task: Storm's KeyValueState as InMemoryKeyValueState keeps it (the default
 * provider [ST-STATE-SRC]), partitioned by the plan's key so user functions see the current key's
 * entries. In a plain topology it is just memory, lost with the worker (Storm core). With stateful bolts
 * the checkpoint protocol drives it: prepareCommit(txid) saves a copy, commit(txid) makes that copy the
 * committed one, rollback() restores the committed copy (empty before the first commit).
 *
 * Durable (the job has a stateDir): commit(txid) also writes the committed copy to the task's
 * DurableStore, as Storm's RedisKeyValueState / HBaseKeyValueState commit to their store, and a task
 * started on that stateDir begins from the newest committed copy (what INITSTATE initialises it with).
 * The prepared copy stays in memory: a COMMIT rolled forward after a restart finds none and leaves the
 * task at its previous commit, whose tuples were never acked, so the spouts replay them.
 *
 * Departure: Storm's copies are shallow (values are meant to be immutable); FlinkCoin's functions update
 * values in place, so the copies are deep (values are JSON-safe by contract). Event-time timers are not
 * part of the state (Storm's bolts have none); a rollback or restart leaves them, and the join's expiry
 * timer scans for what is still there, so a spurious or missing firing changes nothing it emits.
 */
import type { DurableStore } from '../shared/durable-store.js';
import { HeapKeyedState, type KeyedStateSnapshot } from '../shared/keyed-context.js';
import { decodeSnapshot, encodeSnapshot } from '../shared/snapshot-codec.js';

/** One bolt task's keyed state (the shared heap backend), with Storm's prepare/commit/rollback for stateful bolts. */
export class KeyValueState extends HeapKeyedState {
  private prepared: { readonly txid: number; readonly snapshot: KeyedStateSnapshot } | null = null;
  private committed: KeyedStateSnapshot = [];
  private durable: DurableStore | null = null;

  /**
   * Keeps committed copies in `store` from now on, and starts from its newest one if it has one;
   * returns that copy's txid, or null.
   */
  attach(store: DurableStore): number | null {
    this.durable = store;
    const latest = store.latest();
    if (latest === null) return null;
    this.committed = decodeSnapshot<KeyedStateSnapshot>(latest.text);
    this.restore(structuredClone(this.committed));
    return latest.id;
  }

  /** PREPARE: keeps a copy of the state as it is now, for transaction `txid`. */
  prepareCommit(txid: number): void {
    if (this.prepared !== null && txid < this.prepared.txid) {
      throw new RangeError(`prepareCommit(${txid}) after prepareCommit(${this.prepared.txid})`);
    }
    this.prepared = { txid, snapshot: structuredClone(this.snapshot()) };
  }

  /** COMMIT: the prepared copy of `txid` becomes the committed state (durably, when attached). */
  commit(txid: number): void {
    if (this.prepared?.txid !== txid) return;
    this.committed = this.prepared.snapshot;
    this.prepared = null;
    this.durable?.put(txid, encodeSnapshot(this.committed));
  }

  /** ROLLBACK: back to the last committed state. */
  rollback(): void {
    this.prepared = null;
    this.restore(structuredClone(this.committed));
  }
}

/**
 * Keyed state of a bolt task: Storm's KeyValueState as InMemoryKeyValueState keeps it (the default
 * provider [ST-STATE-SRC]), partitioned by the plan's key so user functions see the current key's
 * entries. In a plain topology it is just memory, lost with the worker (Storm core). With stateful bolts
 * the checkpoint protocol drives it: prepareCommit(txid) saves a copy, commit(txid) makes that copy the
 * committed one, rollback() restores the committed copy (empty before the first commit).
 *
 * Durable (the job has a stateDir): prepareCommit(txid) also writes the prepared copy, and commit(txid)
 * the committed one, to the task's DurableStores, as Storm's RedisKeyValueState / HBaseKeyValueState
 * keep a prepared and a committed copy in their store; a task started on that stateDir begins from the
 * newest committed copy (what INITSTATE initialises it with). A COMMIT rolled forward after a restart
 * commits the durable prepared copy of its txid: once one task has committed a transaction, every task
 * does, so no task restarts behind a commit that already acked tuples it depends on (a restored task
 * that deduplicates by id would otherwise drop the replays its successors need).
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
  private durablePrepared: DurableStore | null = null;

  /**
   * Keeps committed copies in `store` and prepared ones in `prepared` from now on, and starts from the
   * newest committed copy if there is one; returns that copy's txid, or null.
   */
  attach(store: DurableStore, prepared: DurableStore): number | null {
    this.durable = store;
    this.durablePrepared = prepared;
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
    this.durablePrepared?.put(txid, encodeSnapshot(this.prepared.snapshot));
  }

  /** COMMIT: the prepared copy of `txid` becomes the committed state (durably, when attached). */
  commit(txid: number): void {
    if (this.prepared?.txid === txid) {
      this.committed = this.prepared.snapshot;
    } else {
      // Rolled forward after a restart: the prepared copy is on disk, if this task got as far as PREPARE.
      const saved = this.durablePrepared?.get(txid) ?? null;
      if (saved === null) return;
      this.committed = decodeSnapshot<KeyedStateSnapshot>(saved.text);
      this.restore(structuredClone(this.committed));
    }
    this.prepared = null;
    this.durable?.put(txid, encodeSnapshot(this.committed));
  }

  /** ROLLBACK: back to the last committed state. */
  rollback(): void {
    this.prepared = null;
    this.restore(structuredClone(this.committed));
  }
}

/**
 * The $checkpointspout's own state, Storm's CheckPointState (txid and COMMITTED / PREPARING /
 * COMMITTING), which CheckpointSpout saves in the state backend on every transition and reads when it
 * opens, so that a restarted topology recovers the transaction it was in (roll a PREPARING one back,
 * roll a COMMITTING one forward) and numbers the next one after it. Kept in `<stateDir>/state` as a
 * DurableStore with prefix "checkpointspout", entries numbered by save.
 */
import { join } from 'node:path';
import { DurableStore } from '../shared/durable-store.js';

export const COMMITTED = 0;
export const PREPARING = 1;
export const COMMITTING = 2;
const NAMES = ['COMMITTED', 'PREPARING', 'COMMITTING'] as const;

/** A transaction and where it is. */
export interface TxState {
  readonly txid: number;
  readonly state: number;
}

/** The durable CheckPointState of one topology (see the module comment). */
export class TxStateStore {
  private readonly store: DurableStore;
  private nextId: number;
  /** What the last process saved, or null on a fresh stateDir. */
  readonly restored: TxState | null;

  constructor(stateDir: string) {
    this.store = new DurableStore(join(stateDir, 'state'), 'checkpointspout', 3);
    const latest = this.store.latest();
    if (latest === null) this.restored = null;
    else {
      const { txid, state } = JSON.parse(latest.text) as { txid: number; state: string };
      this.restored = { txid, state: NAMES.indexOf(state as (typeof NAMES)[number]) };
    }
    this.nextId = Math.max(-1, ...this.store.ids()) + 1;
  }

  get corruptSkipped(): number {
    return this.store.corruptSkipped;
  }

  save(tx: TxState): void {
    this.store.put(this.nextId++, JSON.stringify({ txid: tx.txid, state: NAMES[tx.state] }));
  }
}

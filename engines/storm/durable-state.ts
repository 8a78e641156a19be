/**
 * What a topology keeps in the job's stateDir so that a worker started again (a new process) goes on
 * where the last one stopped, as a Storm topology redeployed after its workers died does:
 *
 *   <stateDir>/spout-offsets/   the spouts' committed source positions (spout-offsets.ts): every spout
 *                               seeks its reader there, and replays what came after (at-least-once)
 *   <stateDir>/state/           with stateful bolts: each stateful bolt task's committed KeyValueState
 *                               (prefix "bolt-<component>-<index>", entry = txid), its prepared one
 *                               ("bolt-<component>-<index>-prepared"), and the
 *                               $checkpointspout's transaction state (tx-state.ts), as Storm keeps both
 *                               in its state backend (Redis, HBase)
 *
 * Without stateful bolts the bolts' state (order books, models) starts empty after a restart: Storm
 * core keeps it in the worker's memory only.
 */
import { join } from 'node:path';
import type { Millis } from '../../workloads/plan/index.js';
import type { SourceReader } from '../contract.js';
import { DurableStore } from '../shared/durable-store.js';
import type { CheckpointSpoutExecutor } from './checkpoint-spout.js';
import type { KeyValueState } from './key-value-state.js';
import { OffsetManager } from './offset-manager.js';
import type { SpoutCommits } from './spout-executor.js';
import { SpoutOffsets } from './spout-offsets.js';
import { COMMITTED, TxStateStore } from './tx-state.js';

/** Committed bolt states a task keeps (a torn newest one falls back to the one before). */
const BOLT_STATES_RETAINED = 2;

/** A topology's durable state in one stateDir (see the module comment). */
export class DurableTopologyState {
  readonly offsets: SpoutOffsets;
  private readonly txStore: TxStateStore | null;
  private readonly boltStores: DurableStore[] = [];
  /** The newest txid a bolt task restored its state from (null: none did). */
  restoredTxid: number | null = null;

  constructor(
    private readonly stateDir: string,
    offsetCommitPeriodMs: Millis,
    stateful: boolean,
    startedAt: Millis,
  ) {
    this.offsets = new SpoutOffsets(stateDir, offsetCommitPeriodMs, startedAt);
    this.txStore = stateful ? new TxStateStore(stateDir) : null;
  }

  /** Seeks spout `key`'s reader to its committed position and tracks its acks from there. */
  spout(key: string, reader: SourceReader): SpoutCommits {
    const committed = this.offsets.committed(key);
    if (committed !== undefined) reader.seek(committed);
    const manager = new OffsetManager(reader.position());
    this.offsets.register(key, () => manager.position());
    return { manager, store: this.offsets };
  }

  /** Makes bolt task `name`'s state durable, starting from its newest committed copy. */
  bolt(name: string, state: KeyValueState): void {
    const prefix = `bolt-${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    const dir = join(this.stateDir, 'state');
    const store = new DurableStore(dir, prefix, BOLT_STATES_RETAINED);
    const prepared = new DurableStore(dir, `${prefix}-prepared`, BOLT_STATES_RETAINED);
    this.boltStores.push(store, prepared);
    const txid = state.attach(store, prepared);
    if (txid !== null && txid > (this.restoredTxid ?? -1)) this.restoredTxid = txid;
  }

  /** The txStore the $checkpointspout saves to (null without stateful bolts). */
  get checkpointStore(): TxStateStore | null {
    return this.txStore;
  }

  /**
   * Starts the $checkpointspout from the saved transaction state. Transaction ids must keep growing
   * (a bolt's entries are numbered by txid), so a saved state older than a bolt's commit is overruled.
   */
  resume(spout: CheckpointSpoutExecutor): void {
    const saved = this.txStore?.restored ?? null;
    const bolts = this.restoredTxid;
    if (saved === null && bolts === null) return;
    if (saved === null || (bolts !== null && bolts > saved.txid))
      spout.resumeFrom({ txid: bolts!, state: COMMITTED });
    else spout.resumeFrom(saved);
  }

  /** Entries that failed their checksum when read. */
  get corruptSkipped(): number {
    return (
      this.offsets.corruptSkipped +
      (this.txStore?.corruptSkipped ?? 0) +
      this.boltStores.reduce((n, s) => n + s.corruptSkipped, 0)
    );
  }
}

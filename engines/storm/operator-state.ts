/**
 * Checkpointed state that is not the key/value entries a user function writes (a persistent window
 * bolt's panes, a window machine's keys): Storm's KeyValueState protocol (prepare, commit, rollback,
 * durable copies) over the operator's own snapshot and restore, so the checkpoint protocol and the
 * durable store need nothing else.
 */
import type { KeyedStateSnapshot } from '../shared/keyed-context.js';
import { KeyValueState } from './key-value-state.js';

export class OperatorState extends KeyValueState {
  constructor(
    private readonly take: () => KeyedStateSnapshot,
    private readonly put: (snapshot: KeyedStateSnapshot) => void,
  ) {
    super();
  }

  override snapshot(): KeyedStateSnapshot {
    return this.take();
  }

  override restore(snapshot: KeyedStateSnapshot): void {
    this.put(snapshot);
  }
}

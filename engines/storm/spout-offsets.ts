/**
 * The spouts' committed source positions, kept durably in `<stateDir>/spout-offsets` (a DurableStore:
 * checksummed entries, fsync and rename, the newest `RETAINED` kept, a torn one skipped). Storm's
 * KafkaSpout commits its OffsetManagers' positions to Kafka every offset.commit.period.ms (default
 * 30 s) and when it closes; here one entry holds every spout task's position, keyed by
 * "<source input>/<split>", written every `offsetCommitPeriodMs` and when a spout finishes, and only
 * when a position moved. A topology started on a stateDir with an entry seeks its readers there.
 */
import { join } from 'node:path';
import type { Millis } from '../../workloads/plan/index.js';
import type { SourcePosition } from '../contract.js';
import { DurableStore } from '../shared/durable-store.js';

const RETAINED = 3;

/** Every spout task's committed position: read at start, written periodically (see the module comment). */
export class SpoutOffsets {
  private readonly store: DurableStore;
  private readonly restored: Readonly<Record<string, SourcePosition>> | null;
  private readonly sources = new Map<string, () => SourcePosition>();
  private nextId: number;
  private nextCommitAt: Millis;
  private lastText = '';
  /** Entries written (engine metric `spoutOffsets.commits`). */
  commits = 0;

  constructor(
    stateDir: string,
    private readonly periodMs: Millis,
    startedAt: Millis,
  ) {
    this.store = new DurableStore(join(stateDir, 'spout-offsets'), 'offsets', RETAINED);
    const latest = this.store.latest();
    this.restored = latest === null ? null : JSON.parse(latest.text).positions;
    this.lastText = latest?.text ?? '';
    this.nextId = Math.max(-1, ...this.store.ids()) + 1;
    this.nextCommitAt = startedAt + periodMs;
  }

  /** Entries skipped because they failed their checksum. */
  get corruptSkipped(): number {
    return this.store.corruptSkipped;
  }

  /** The committed position of spout `key`, or undefined when there is none. */
  committed(key: string): SourcePosition | undefined {
    return this.restored?.[key];
  }

  /** Adds spout `key`, whose committable position `position()` gives. */
  register(key: string, position: () => SourcePosition): void {
    this.sources.set(key, position);
  }

  /** When the next periodic commit is due. */
  get dueAt(): Millis {
    return this.nextCommitAt;
  }

  /** Commits when the period has passed (a spout calls it on each turn). */
  maybeCommit(now: Millis): void {
    if (now < this.nextCommitAt) return;
    this.commit();
    this.nextCommitAt = now + this.periodMs;
  }

  /** Writes every spout's committable position, unless none moved since the last entry. */
  commit(): void {
    const positions: Record<string, SourcePosition> = {};
    for (const [key, position] of this.sources) positions[key] = position();
    const text = JSON.stringify({ positions });
    if (text === this.lastText) return;
    this.store.put(this.nextId++, text);
    this.lastText = text;
    this.commits++;
  }
}

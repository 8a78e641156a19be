/**
 * A spout's pending tuples (SpoutExecutor's `pending`: root id → TupleInfo): what each spout tuple in
 * flight needs to be replayed (its value, event time and stamps) and when it was emitted (for the complete
 * latency), and its sequence number among the records the spout has read (which the spout's offset
 * manager commits by, offset-manager.ts; a replay keeps it). A RotatingMap of 2 buckets: rotated every
 * message timeout T, it expires a tuple between T and 2T after it was emitted [ST-SE] [ST-RM].
 */
import type { Millis } from '../../workloads/plan/index.js';
import { offsetOf, type Page, RotatingMap } from './rotating-map.js';

/** A spout tuple to emit again: its tree failed or timed out. */
export class Replay {
  constructor(
    readonly value: unknown,
    readonly ts: Millis,
    readonly createdAt: Millis,
    readonly ingestedAt: Millis,
    /** The record's sequence number in this spout (the order it was read). */
    readonly seq: number,
  ) {}
}

// TupleInfo's fields, as columns of the map.
const TS = 0;
const CREATED_AT = 1;
const INGESTED_AT = 2;
const EMITTED_AT = 3;
const SEQ = 4;
const VALUE = 0;

function replayOf(page: Page, o: number): Replay {
  const f = page.floats;
  return new Replay(page.refs[VALUE][o], f[TS][o], f[CREATED_AT][o], f[INGESTED_AT][o], f[SEQ][o]);
}

/** Root id → what to replay, in a 2-bucket RotatingMap rotated by the spout's tick. */
export class PendingTuples {
  private readonly map = new RotatingMap(2, { ints: 0, floats: 5, refs: 1 });

  get size(): number {
    return this.map.size;
  }

  /** Record `seq` was emitted as a spout tuple under `root` at `now`. */
  track(
    root: number,
    seq: number,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    now: Millis,
  ): void {
    const page = this.map.insert(root);
    const o = offsetOf(root);
    const floats = page.floats;
    floats[SEQ][o] = seq;
    floats[TS][o] = ts;
    floats[CREATED_AT][o] = createdAt;
    floats[INGESTED_AT][o] = ingestedAt;
    floats[EMITTED_AT][o] = now;
    page.refs[VALUE][o] = value;
  }

  /** Emission time of the tuple `acked` last found (valid after it returned a seq). */
  emittedAt: Millis = 0;

  /**
   * The tree of `root` completed: forgets it and returns its record's seq (-1 if unknown: already
   * timed out and replayed); `emittedAt` then says when it was emitted.
   */
  acked(root: number): number {
    const page = this.map.find(root);
    if (page === null) return -1;
    const o = offsetOf(root);
    this.emittedAt = page.floats[EMITTED_AT][o];
    const seq = page.floats[SEQ][o];
    this.map.remove(root, page);
    return seq;
  }

  /** The tree of `root` failed: forgets it and returns what to replay (null if unknown). */
  failed(root: number): Replay | null {
    const page = this.map.find(root);
    if (page === null) return null;
    const replay = replayOf(page, offsetOf(root));
    this.map.remove(root, page);
    return replay;
  }

  /** The spout's tick: what has been pending for a whole rotation period too long times out. */
  rotate(expired: (replay: Replay) => void): void {
    this.map.rotate((page, o) => expired(replayOf(page, o)));
  }
}

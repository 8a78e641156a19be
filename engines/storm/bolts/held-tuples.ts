/**
 * The input tuples a windowed bolt holds: not acked while they sit in a window, acked when the last
 * window containing them fires (Storm acks a windowed bolt's tuples when they expire), with their ack
 * value so far. A window's result is anchored to every tuple of its window, as WindowedOutputCollector
 * anchors to the window's tuple list: one fresh edge id per held tuple, XORed into that tuple's ack
 * value and into the result's id for each of the tuple's roots (BoltOutputCollectorImpl.boltEmit).
 *
 * Stored as typed columns with a free list (a held tuple is an index), so holding a tuple allocates
 * nothing.
 */
import { type Anchor, type EdgeIds, RootSet, RootSetBuilder } from '../message-id.js';
import type { AckerClient } from '../output-collector.js';

/** The tuples one windowed bolt task holds, by index. */
export class HeldTuples {
  private anchors: Anchor[] = new Array(1024).fill(null);
  private idHi = new Int32Array(1024);
  private idLo = new Int32Array(1024);
  private ackHi = new Int32Array(1024);
  private ackLo = new Int32Array(1024);
  /** How many windows still contain each held tuple. */
  private windows = new Int32Array(1024);
  private free = new Int32Array(1024);
  private freeCount = 0;
  /** Indexes in use or freed so far (the next index never used). */
  private used = 0;

  /** Holds an input tuple in no window yet; returns its index. */
  hold(anchor: Anchor, idHi: number, idLo: number): number {
    let i: number;
    if (this.freeCount > 0) i = this.free[--this.freeCount];
    else {
      if (this.used === this.idHi.length) this.grow();
      i = this.used++;
    }
    this.anchors[i] = anchor;
    this.idHi[i] = idHi;
    this.idLo[i] = idLo;
    this.ackHi[i] = 0;
    this.ackLo[i] = 0;
    this.windows[i] = 0;
    return i;
  }

  /** One more window contains tuple `i`. */
  enter(i: number): void {
    this.windows[i]++;
  }

  /** Whether tuple `i` is in any window (a late tuple is not: the executor acks it at once). */
  inWindow(i: number): boolean {
    if (this.windows[i] > 0) return true;
    this.forget(i);
    return false;
  }

  /** The anchors of a child of the tuples `held`: a fresh edge per tuple. */
  childAnchor(held: readonly number[], ids: EdgeIds): Anchor {
    if (!this.distinctSingleRoots(held)) {
      const roots = new RootSetBuilder();
      for (const i of held) {
        ids.next();
        this.ackHi[i] ^= ids.hi;
        this.ackLo[i] ^= ids.lo;
        roots.add(this.anchors[i], ids.hi, ids.lo);
      }
      return roots.build();
    }
    // The common case, each tuple from its own spout tuple: no roots to merge.
    const n = held.length;
    const roots: number[] = new Array(n);
    const hi = new Int32Array(n);
    const lo = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = held[k];
      ids.next();
      this.ackHi[i] ^= ids.hi;
      this.ackLo[i] ^= ids.lo;
      roots[k] = this.anchors[i] as number;
      hi[k] = ids.hi;
      lo[k] = ids.lo;
    }
    return new RootSet(roots, hi, lo);
  }

  /** A window of these tuples fired: each is in one window fewer, and the last one acks it. */
  leave(held: readonly number[], acker: AckerClient): void {
    for (const i of held) {
      if (--this.windows[i] > 0) continue;
      acker.ack(this.anchors[i], this.idHi[i], this.idLo[i], this.ackHi[i], this.ackLo[i]);
      this.forget(i);
    }
  }

  private forget(i: number): void {
    this.anchors[i] = null;
    this.free[this.freeCount++] = i;
  }

  /** Doubles every column (the free list can then hold every index). */
  private grow(): void {
    const n = this.idHi.length * 2;
    const widen = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.idHi = widen(this.idHi);
    this.idLo = widen(this.idLo);
    this.ackHi = widen(this.ackHi);
    this.ackLo = widen(this.ackLo);
    this.windows = widen(this.windows);
    this.free = widen(this.free);
    const anchors: Anchor[] = new Array(n).fill(null);
    for (let i = 0; i < this.used; i++) anchors[i] = this.anchors[i];
    this.anchors = anchors;
  }

  /** Whether every tuple has one root and no two share it (roots ascend in arrival order). */
  private distinctSingleRoots(held: readonly number[]): boolean {
    let last = 0;
    for (const i of held) {
      const a = this.anchors[i];
      if (typeof a !== 'number' || a <= last) return false;
      last = a;
    }
    return true;
  }
}

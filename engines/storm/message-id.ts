/**
 * Storm's MessageId: which spout tuples (roots) a tuple belongs to, and its random 64-bit id in each of
 * their trees. The acker XORs these ids; a tree is complete when its XOR returns to 0.
 *
 * Representation, chosen so the common case allocates nothing:
 *   null      unanchored (reliability off, or emitted from a timer: Storm's unanchored emit)
 *   number    one root; the tuple's id is the slot's (idHi, idLo)
 *   RootSet   several roots (a window result anchored to every tuple of its window), each with its own
 *             id, or all with the slot's id (`hi === null`: the child of a RootSet tuple, anchored once)
 *
 * Departure: Storm draws root ids at random too. A JS number holds 53 bits, where random root ids would
 * collide with ~0.5% odds over 10 M tuples; root ids here are a sequence, unique by construction. The
 * edge ids, whose randomness is what makes the XOR sound, are random 64-bit values (two 32-bit halves)
 * from a seeded xoroshiro128+ so that runs are reproducible.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A tuple's anchors: see the module comment. */
export type Anchor = null | number | RootSet;

/** Several roots of one tuple, with per-root ids (or one shared id held by the tuple's slot). */
export class RootSet {
  private uniformView: RootSet | null = null;

  constructor(
    readonly roots: readonly number[],
    readonly hi: Int32Array | null,
    readonly lo: Int32Array | null,
  ) {}

  /** The same roots with one shared id: what a child anchored to this tuple alone carries. */
  uniform(): RootSet {
    if (this.hi === null) return this;
    this.uniformView ??= new RootSet(this.roots, null, null);
    return this.uniformView;
  }
}

/** Random 64-bit edge ids (MessageId.generateId), read as `hi`/`lo` after `next()`. */
export class EdgeIds {
  hi = 0;
  lo = 0;
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed | 0);
  }

  next(): void {
    this.hi = this.rng.next();
    this.lo = this.rng.next();
  }
}

/** Root ids of spout tuples: one sequence for the whole topology (see the module comment). */
export class RootIds {
  private last = 0;

  next(): number {
    return ++this.last;
  }
}

/**
 * Builds the anchors of a tuple emitted with several anchor tuples (BoltOutputCollectorImpl.boltEmit):
 * one fresh edge id per anchor tuple, XORed into the id of each of that tuple's roots, so that a root
 * reached through two anchors carries the XOR of both edges. One builder per emitted tuple.
 */
export class RootSetBuilder {
  private readonly index = new Map<number, number>();
  private readonly roots: number[] = [];
  private readonly hi: number[] = [];
  private readonly lo: number[] = [];

  /** Adds the edge (eHi, eLo) to every root of `anchor`. */
  add(anchor: Anchor, eHi: number, eLo: number): void {
    if (anchor === null) return;
    if (typeof anchor === 'number') {
      this.xor(anchor, eHi, eLo);
      return;
    }
    for (const root of anchor.roots) this.xor(root, eHi, eLo);
  }

  /** The anchors built (null when no anchor had roots). */
  build(): Anchor {
    const n = this.roots.length;
    if (n === 0) return null;
    const hi = new Int32Array(n);
    const lo = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      hi[i] = this.hi[i];
      lo[i] = this.lo[i];
    }
    return new RootSet(this.roots, hi, lo);
  }

  private xor(root: number, eHi: number, eLo: number): void {
    const at = this.index.get(root);
    if (at === undefined) {
      this.index.set(root, this.roots.length);
      this.roots.push(root);
      this.hi.push(eHi);
      this.lo.push(eLo);
    } else {
      this.hi[at] ^= eHi;
      this.lo[at] ^= eLo;
    }
  }
}

/**
 * An antichain: a set of mutually incomparable elements of a partial order, kept as the minimal
 * elements of everything inserted (timely's `Antichain`). Used for frontiers of timestamps and for the
 * sets of minimal path summaries between two locations.
 *
 *   const a = new Antichain(lessEqual);
 *   a.insert([2, 0]); a.insert([1, 3]);  // incomparable: both kept
 *   a.insert([1, 0]);                     // ≤ both: replaces them
 *   a.lessEqual([5, 0])                   // true: [1, 0] ≤ [5, 0], so [5, 0] may still occur
 *
 * Costs: insert and lessEqual are O(size) comparisons; antichains here hold a handful of elements.
 */
export class Antichain<T> {
  private readonly items: T[] = [];

  constructor(private readonly le: (a: T, b: T) => boolean) {}

  /** The minimal elements, in insertion order. */
  get elements(): readonly T[] {
    return this.items;
  }

  /** Adds x unless some element is ≤ x; drops the elements x is ≤. Returns whether x was added. */
  insert(x: T): boolean {
    for (const e of this.items) if (this.le(e, x)) return false;
    let kept = 0;
    for (let i = 0; i < this.items.length; i++) {
      if (!this.le(x, this.items[i])) this.items[kept++] = this.items[i];
    }
    this.items.length = kept;
    this.items.push(x);
    return true;
  }

  /** Whether some element is ≤ t (timely: t is not yet beyond the frontier). */
  lessEqual(t: T): boolean {
    for (const e of this.items) if (this.le(e, t)) return true;
    return false;
  }
}

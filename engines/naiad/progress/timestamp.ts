/**
 * Naiad's logical timestamps [NAIAD §2.1]: t = (e, ⟨c1, …, ck⟩), an epoch e assigned by the inputs and
 * one loop counter per enclosing loop context. A timestamp is the plain array `[e, c1, …, ck]`; its
 * length − 1 is the loop depth of the location it belongs to.
 *
 * Order (Naiad's): t1 ≤ t2 iff e1 ≤ e2 and ⟨c⟩1 ≤ ⟨c⟩2 lexicographically. That is a *partial* order —
 * (1, ⟨0⟩) and (0, ⟨5⟩) are incomparable — which is why frontiers are antichains, and why a later
 * epoch may start iterating while an earlier one is still in its loop.
 *
 *   lessEqual([3], [4])          → true
 *   lessEqual([1, 0], [0, 5])    → false, and lessEqual([0, 5], [1, 0]) → false
 *
 * Every function here is O(depth) and allocation free, except `timestampKey` (one string).
 */
export type Timestamp = readonly number[];

/** Naiad's partial order. Throws if the depths differ (times of different loop contexts never meet). */
export function lessEqual(a: Timestamp, b: Timestamp): boolean {
  if (a.length !== b.length) throw new RangeError(`timestamps of different depths: [${a}] vs [${b}]`);
  if (a[0] > b[0]) return false;
  for (let i = 1; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i];
  }
  return true;
}

/** Same epoch and loop counters (sessions compare times with it). */
export function equals(a: Timestamp, b: Timestamp): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A total order that extends Naiad's partial order (lexicographic over the whole array): if a ≤ b then
 * compareTotal(a, b) ≤ 0. Used to hand out notifications in timestamp order.
 */
export function compareTotal(a: Timestamp, b: Timestamp): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** A string naming the timestamp, for hash maps keyed by pointstamp. */
export function timestampKey(t: Timestamp): string {
  return t.length === 1 ? String(t[0]) : t.join(',');
}

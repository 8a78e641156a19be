/**
 * Path summaries [NAIAD §2.3]: how a timestamp changes along a path of the dataflow graph. Only the
 * three loop-context vertices change timestamps:
 *
 *   ingress   (e, ⟨c1..ck⟩)      → (e, ⟨c1..ck, 0⟩)      push a loop counter
 *   egress    (e, ⟨c1..ck, c⟩)   → (e, ⟨c1..ck⟩)         pop it
 *   feedback  (e, ⟨c1..ck⟩)      → (e, ⟨c1..ck + 1⟩)     increment the innermost counter
 *
 * Any path composes to the normal form `pop p, then add inc to the innermost remaining counter, then
 * push the counters in push` — so summaries stay small however long the path. `(t1, l1)` could-result-in
 * `(t2, l2)` iff some summary ψ of a path l1 → l2 has ψ(t1) ≤ t2.
 *
 *   followedBy(INGRESS, FEEDBACK) = { pop: 0, inc: 0, push: [1] }   (enter, go round once)
 *   followedBy(INGRESS, EGRESS)   = IDENTITY
 *
 * Costs: apply and resultsInLessEqual O(depth), resultsInLessEqual allocation free; followedBy allocates.
 */
import type { Timestamp } from './timestamp.js';

/** A path's effect on timestamps, in normal form: pop, then increment, then push. */
export interface PathSummary {
  /** Loop counters removed first (egress vertices). */
  readonly pop: number;
  /** Added to the innermost counter left after popping (feedback vertices). */
  readonly inc: number;
  /** Counters appended last (ingress vertices push 0; feedback after ingress raises them). */
  readonly push: readonly number[];
}

/** Any vertex outside the three loop-context kinds: times pass unchanged. */
export const IDENTITY: PathSummary = { pop: 0, inc: 0, push: [] };
/** Entering a loop context: a new loop counter, 0. */
export const INGRESS: PathSummary = { pop: 0, inc: 0, push: [0] };
/** Leaving a loop context: its loop counter is dropped. */
export const EGRESS: PathSummary = { pop: 1, inc: 0, push: [] };
/** Going round a loop: the innermost counter + 1 (what makes every cycle advance time). */
export const FEEDBACK: PathSummary = { pop: 0, inc: 1, push: [] };

/** How many loop counters a summary adds (negative: removes). */
export function depthChange(s: PathSummary): number {
  return s.push.length - s.pop;
}

/** ψ(t). Throws if t is too shallow for the summary (a graph-construction bug). */
export function apply(s: PathSummary, t: Timestamp): Timestamp {
  const keep = t.length - 1 - s.pop;
  if (keep < 0 || (s.inc !== 0 && keep === 0)) {
    throw new RangeError(`summary ${JSON.stringify(s)} does not apply to [${t}]`);
  }
  const out = t.slice(0, keep + 1);
  out[keep] += s.inc;
  out.push(...s.push);
  return out;
}

/** The summary of path a followed by path b. */
export function followedBy(a: PathSummary, b: PathSummary): PathSummary {
  if (b.pop > a.push.length) {
    return { pop: a.pop + b.pop - a.push.length, inc: b.inc, push: [...b.push] };
  }
  const kept = a.push.slice(0, a.push.length - b.pop);
  if (kept.length === 0) return { pop: a.pop, inc: a.inc + b.inc, push: [...b.push] };
  kept[kept.length - 1] += b.inc;
  return { pop: a.pop, inc: a.inc, push: [...kept, ...b.push] };
}

/**
 * Whether a(t) ≤ b(t) for every t. Conservative: summaries of different shapes are reported as
 * incomparable, which only keeps an extra (redundant) summary in a could-result-in set.
 */
export function summaryLessEqual(a: PathSummary, b: PathSummary): boolean {
  if (a.pop !== b.pop || a.push.length !== b.push.length) return false;
  if (a.inc !== b.inc) return a.inc < b.inc;
  for (let i = 0; i < a.push.length; i++) if (a.push[i] !== b.push[i]) return a.push[i] < b.push[i];
  return true;
}

/** ψ(t1) ≤ t2, without building ψ(t1). Throws if the depths do not line up. */
export function resultsInLessEqual(s: PathSummary, t1: Timestamp, t2: Timestamp): boolean {
  const keep = t1.length - 1 - s.pop;
  if (keep < 0 || (s.inc !== 0 && keep === 0) || keep + s.push.length !== t2.length - 1) {
    throw new RangeError(`summary ${JSON.stringify(s)} maps [${t1}] to a depth other than [${t2}]'s`);
  }
  if (t1[0] > t2[0]) return false;
  for (let i = 1; i < t2.length; i++) {
    const v = i < keep ? t1[i] : i === keep ? t1[i] + s.inc : s.push[i - keep - 1];
    if (v !== t2[i]) return v < t2[i];
  }
  return true;
}

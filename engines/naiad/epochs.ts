/**
 * The epoch policy: how event time maps to Naiad epochs. Real timely leaves this to the program (it
 * calls `input.advance_to(t)` when it chooses [TD-BOOK-1.3]); here epochs are event-time intervals of
 * `epochMs`, epoch e = [e·epochMs, (e+1)·epochMs), so that an epoch completing is an event-time window
 * completing.
 *
 *   epochMs 1000: ts 1_704_067_200_250 → epoch 1_704_067_200, whose last millisecond is …_200_999
 *
 * Default epochMs: the gcd of the plan's window sizes, slides and offsets (1000 without windows), so
 * every window ends on an epoch boundary and fires at exactly the event time Flink's would. (The issue
 * proposes the smallest window size; for the tumbling windows of the crypto plan they are the same,
 * and the gcd also keeps sliding and mixed-size windows exact.)
 */
import type { Millis, Plan } from '../../workloads/plan/index.js';
import { isTimeAssigner } from '../../workloads/plan/index.js';
import type { Timestamp } from './progress/timestamp.js';

/** Maps event time to epochs of `epochMs` and back. */
export class EpochPolicy {
  constructor(readonly epochMs: number) {
    if (!(epochMs > 0)) throw new RangeError(`epochMs must be positive, got ${epochMs}`);
  }

  /** The epoch holding event time ts (±∞ stays ±∞). */
  epochOf(ts: Millis): number {
    return Math.floor(ts / this.epochMs);
  }

  /** The last millisecond of epoch e: the event-time watermark once e is complete. */
  lastMillisOf(epoch: number): Millis {
    return (epoch + 1) * this.epochMs - 1;
  }

  /** The top-level timestamp of epoch e. */
  time(epoch: number): Timestamp {
    return [epoch];
  }
}

/** gcd of every window size, slide and nonzero offset in the plan; 1000 ms if it has no window. */
export function defaultEpochMs(plan: Plan): number {
  let g = 0;
  for (const node of plan.nodes) {
    if (node.kind !== 'window' || !isTimeAssigner(node.assigner)) continue; // sessions end anywhere
    const a = node.assigner;
    g = gcd(g, a.sizeMs);
    if (a.type === 'sliding') g = gcd(g, a.slideMs);
    if (a.offsetMs) g = gcd(g, Math.abs(a.offsetMs));
  }
  return g > 0 ? g : 1000;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

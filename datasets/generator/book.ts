/**
 * One product's synthetic order book, in integer ticks and integer size units (1e-8 of the base asset),
 * so every emitted `l2update` is exact and a client applying the feed always holds a valid book:
 * `bookDepth` levels a side, best bid ≤ fair mid < best ask. The book stays dense near the top (adjacent
 * levels about `meanGapTicks` apart) and follows the fair mid: when the mid crosses a side, or a best quote
 * lags it by more than two gaps, the crossed levels go and market makers quote afresh next to the mid.
 */
import type { SeededRandom } from './random.js';

/** Book sides as used in `BookChanges`. */
export const BID = 0;
export const ASK = 1;

/** Level changes as flat triples `side, ticks, units` (units 0 removes the level); reused per message. */
export type BookChanges = number[];

const IMPROVE_SHARE = 0.25; // churn: a new best order inside the spread
const CANCEL_SHARE = 0.15; // churn: a resting level below the top moves to another price

/** A book of `depth` levels per side, best first. */
export class SyntheticBook {
  /** Level prices in ticks, best first: `ticks[BID]` descending, `ticks[ASK]` ascending. */
  readonly ticks: [number[], number[]] = [[], []];
  /** Resting size per level in units, parallel to `ticks`. */
  readonly units: [number[], number[]] = [[], []];
  /** New levels are 1..maxGap ticks from their neighbour. */
  private readonly maxGap: number;

  /**
   * @param meanGapTicks typical distance between adjacent levels
   * @param levelUnits typical resting size of a level
   */
  constructor(
    private readonly depth: number,
    meanGapTicks: number,
    private readonly levelUnits: number,
    private readonly random: SeededRandom,
  ) {
    this.maxGap = 2 * meanGapTicks;
  }

  /** Quotes a fresh book around `mid` (in ticks), as the snapshot shows it. */
  reset(mid: number, changes: BookChanges): void {
    for (const side of [BID, ASK]) {
      this.ticks[side].length = 0;
      this.units[side].length = 0;
      this.refill(side, mid, changes);
    }
  }

  /** Re-quotes if the mid crossed a side or a best quote lags it; false, with no change, if not. */
  follow(mid: number, changes: BookChanges): boolean {
    const bestBid = this.ticks[BID][0];
    const bestAsk = this.ticks[ASK][0];
    if (mid >= bestAsk || mid < bestBid) {
      const crossed = mid >= bestAsk ? ASK : BID;
      const levels = this.ticks[crossed];
      while (levels.length > 0 && (crossed === ASK ? levels[0] <= mid : levels[0] > mid)) {
        this.remove(crossed, 0, changes);
      }
      this.quote(1 - crossed, crossed === ASK ? Math.floor(mid) : Math.floor(mid) + 1, changes);
      this.refill(crossed, mid, changes);
      return true;
    }
    const bidLags = mid - bestBid > this.maxGap;
    const askLags = bestAsk - mid > this.maxGap;
    if (bidLags) this.quote(BID, Math.floor(mid), changes);
    if (askLags) this.quote(ASK, Math.floor(mid) + 1, changes);
    return bidLags || askLags;
  }

  /** One ordinary update while the mid sits inside the spread: a better quote, a move or a resize. */
  churn(mid: number, changes: BookChanges): void {
    const draw = this.random.uniform();
    const floor = Math.floor(mid);
    const bidRoom = Math.min(floor - this.ticks[BID][0], this.maxGap);
    const askRoom = Math.min(this.ticks[ASK][0] - floor - 1, this.maxGap);
    if (draw < IMPROVE_SHARE && (bidRoom > 0 || askRoom > 0)) {
      const side = bidRoom > 0 && (askRoom <= 0 || this.random.chance(0.5)) ? BID : ASK;
      const step = 1 + this.random.below(side === BID ? bidRoom : askRoom);
      this.quote(side, this.ticks[side][0] + (side === BID ? step : -step), changes);
      return;
    }
    const side = this.random.below(2);
    const levels = this.ticks[side];
    if (draw < IMPROVE_SHARE + CANCEL_SHARE && levels.length > 1) {
      const level = 1 + this.random.below(levels.length - 1);
      this.remove(side, level, changes);
      if (level === levels.length) {
        this.refill(side, mid, changes);
        return;
      }
      const hole = Math.abs(levels[level] - levels[level - 1]);
      const step = 1 + this.random.below(hole - 1);
      this.place(side, level, levels[level - 1] + (side === BID ? -step : step), changes);
      return;
    }
    const level = Math.floor(this.random.uniform() ** 2 * levels.length);
    this.units[side][level] = this.restingUnits();
    changes.push(side, levels[level], this.units[side][level]);
  }

  /** A taker order of up to `wanted` units against the best level of `side`; returns the units filled. */
  take(side: number, wanted: number, mid: number, changes: BookChanges): number {
    const available = this.units[side][0];
    if (wanted < available) {
      this.units[side][0] = available - wanted;
      changes.push(side, this.ticks[side][0], available - wanted);
      return wanted;
    }
    this.remove(side, 0, changes);
    this.refill(side, mid, changes);
    return available;
  }

  /**
   * A new best level at `top`, plus levels between it and the old best so no gap exceeds `maxGap`
   * (a jump leaves a dense book, not a hole); the deepest levels go to keep the depth.
   */
  private quote(side: number, top: number, changes: BookChanges): void {
    const oldTop = this.ticks[side][0];
    const inward = side === BID ? -1 : 1;
    let level = 0;
    for (let ticks = top; level < this.depth; ticks += inward * (1 + this.random.below(this.maxGap))) {
      this.place(side, level++, ticks, changes);
      if (oldTop === undefined || Math.abs(oldTop - ticks) <= this.maxGap) break;
    }
    while (this.ticks[side].length > this.depth) this.remove(side, this.ticks[side].length - 1, changes);
  }

  private place(side: number, level: number, ticks: number, changes: BookChanges): void {
    const units = this.restingUnits();
    this.ticks[side].splice(level, 0, ticks);
    this.units[side].splice(level, 0, units);
    changes.push(side, ticks, units);
  }

  private remove(side: number, level: number, changes: BookChanges): void {
    changes.push(side, this.ticks[side][level], 0);
    this.ticks[side].splice(level, 1);
    this.units[side].splice(level, 1);
  }

  /**
   * Adds levels behind the deepest one (or next to the mid, if the side is empty) up to `depth`; bids stop
   * short at one tick, so a near-zero price leaves a thinner bid side rather than non-positive prices.
   */
  private refill(side: number, mid: number, changes: BookChanges): void {
    const levels = this.ticks[side];
    while (levels.length < this.depth) {
      const gap = 1 + this.random.below(this.maxGap);
      const deepest = levels[levels.length - 1];
      let ticks = side === BID ? Math.floor(mid) : Math.floor(mid) + 1;
      if (levels.length > 0) ticks = side === BID ? deepest - gap : deepest + gap;
      if (ticks < 1) return;
      this.place(side, levels.length, ticks, changes);
    }
  }

  /** A log-normal resting size, at least one unit. */
  private restingUnits(): number {
    return Math.max(1, Math.round(this.levelUnits * Math.exp(this.random.normal() - 0.5)));
  }
}

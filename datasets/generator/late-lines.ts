/**
 * Lines held back from the feed until a release time, which is how the generator makes out-of-order and
 * duplicate messages with a known bound: a line stamped `t` and released at `r` is emitted before the
 * first later line stamped after `r`, so nothing emitted before it is newer than `r ≤ t + maxDelay`.
 */

/** A held-back line: its text, its event time and when it may be emitted (both epoch µs). */
export interface LateLine {
  readonly text: string;
  readonly timeUs: number;
  readonly releaseUs: number;
}

/** Held-back lines by release time, first-in first-out among equal releases. */
export class LateLines {
  /** Sorted by release time, latest first, so the next line to release is at the end. */
  private readonly byReleaseDesc: LateLine[] = [];

  get size(): number {
    return this.byReleaseDesc.length;
  }

  add(line: LateLine): void {
    const lines = this.byReleaseDesc;
    let low = 0;
    let high = lines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (lines[middle].releaseUs > line.releaseUs) low = middle + 1;
      else high = middle;
    }
    lines.splice(low, 0, line);
  }

  /** The earliest release time; only valid when `size > 0`. */
  nextReleaseUs(): number {
    return this.byReleaseDesc[this.byReleaseDesc.length - 1].releaseUs;
  }

  /** Removes and returns the line to release next; only valid when `size > 0`. */
  take(): LateLine {
    return this.byReleaseDesc.pop()!;
  }
}

/**
 * What a dataset offers the harness: a replayable sequence of timestamped values, read one at a time
 * (never a whole file in memory), with malformed input counted and set aside instead of thrown.
 * The harness's open-loop driver turns one of these into an engine-facing `SourceReader` with pacing.
 */

/** One value and its event time (epoch ms). */
export interface Timestamped<T> {
  readonly value: T;
  readonly ts: number;
}

/** A malformed line, kept for the results: which file, which line, which field, and why. */
export interface Rejection {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

/** Counts every rejection and keeps the first few for the report. */
export class RejectLog {
  count = 0;
  readonly samples: Rejection[] = [];

  constructor(private readonly keep = 20) {}

  add(rejection: Rejection): void {
    this.count++;
    if (this.samples.length < this.keep) this.samples.push(rejection);
  }
}

/** A replayable input: `position()` is the index of the next value, `seek` rewinds or skips to one. */
export interface ReplayableInput<T> {
  /** The next value, or null at the end. */
  next(): Timestamped<T> | null;
  position(): number;
  seek(position: number): void;
  /** Malformed input met so far (reset by `seek(0)`). */
  readonly rejects: RejectLog;
  /** What this input is, for the results (name, file, seed, parameters). */
  describe(): Record<string, unknown>;
}

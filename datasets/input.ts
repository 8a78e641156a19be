/**
 * What a dataset offers the harness: a replayable sequence of timestamped values, read one at a time
 * (never a whole file in memory), with malformed input counted and set aside instead of thrown.
 * The harness's open-loop driver turns one of these into an engine-facing `SourceReader` with pacing.
 */
import type { RejectKind } from './reject-kinds.js';

/** One value and its event time (epoch ms). */
export interface Timestamped<T> {
  readonly value: T;
  readonly ts: number;
}

/** Bad input, kept for the results: which file, which line, which field, what kind of problem and why. */
export interface Rejection {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly reason: string;
  /** Absent means 'malformed' (rejections recorded before kinds existed). */
  readonly kind?: RejectKind;
}

/** Counts every rejection, in total and per kind, and keeps the first few of each kind for the report. */
export class RejectLog {
  count = 0;
  readonly samples: Rejection[] = [];
  readonly byKind: Partial<Record<RejectKind, number>> = {};

  constructor(private readonly keepPerKind = 5) {}

  add(rejection: Rejection): void {
    this.count++;
    const kind = rejection.kind ?? 'malformed';
    const seen = this.byKind[kind] ?? 0;
    this.byKind[kind] = seen + 1;
    // Per kind, so a flood of one kind (say gaps) cannot hide the first example of another.
    if (seen < this.keepPerKind) this.samples.push(rejection);
  }

  /** Forgets everything (an input replayed from the start counts again). */
  clear(): void {
    this.count = 0;
    this.samples.length = 0;
    for (const kind of Object.keys(this.byKind) as RejectKind[]) delete this.byKind[kind];
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
  /**
   * True while the next value is still on its way (a network input's prefetch buffer is empty but the
   * input has not ended): `next()` then returns null without meaning the end. Absent = never starved.
   */
  starved?(): boolean;
  /** Releases connections (a network input); absent for inputs that hold none open. */
  close?(): Promise<void>;
}

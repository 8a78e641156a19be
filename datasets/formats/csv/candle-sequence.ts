/**
 * Candle continuity per product: a candle that starts later than one interval after the previous one
 * leaves a gap, reported (`sequence-gap`, with how many candles are missing) and never filled: inventing
 * candles would feed the workload prices that never traded. A repeat of the previous start is a duplicate.
 */
import { DatasetParseError } from '../../../harness/errors.js';
import type { CandleEvent } from '../../events.js';
import { FieldProblem } from '../../fields.js';

export class CandleSequence {
  private readonly lastStart = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly timeField: string,
  ) {}

  /** The gap before `candle` (null if none); throws `duplicate` when its start repeats the previous. */
  follow(candle: CandleEvent, line: number): DatasetParseError | null {
    const previous = this.lastStart.get(candle.product);
    if (previous === candle.time) {
      throw new FieldProblem(this.timeField, `candle at ${iso(candle.time)} repeated`, 'duplicate');
    }
    if (previous === undefined || candle.time > previous) this.lastStart.set(candle.product, candle.time);
    if (previous === undefined || candle.time <= previous + candle.intervalMs) return null;
    const missing = Math.round((candle.time - previous) / candle.intervalMs) - 1;
    const reason = `${missing} candle(s) missing between ${iso(previous)} and ${iso(candle.time)}`;
    return new DatasetParseError(this.file, line, this.timeField, reason, 'sequence-gap');
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

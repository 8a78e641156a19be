/**
 * The candles channel sends the current bar again each time it changes (every second or so). Only the
 * last revision of a bar is the bar, so revisions are held per product and a bar is released once a later
 * bar starts (or the input ends); replaying every revision would count its volume many times over.
 */
import type { CandleEvent } from '../../events.js';
import { FieldProblem } from '../../fields.js';

export class CandleRevisions {
  private readonly latest = new Map<string, CandleEvent>();

  /**
   * Takes a revision; returns the bar it completes (the product's previous bar), if any. A revision of a
   * bar already released is out of order (its line is set aside).
   */
  revise(candle: CandleEvent, field: string): CandleEvent | null {
    const held = this.latest.get(candle.product);
    if (held !== undefined && candle.time < held.time) {
      throw new FieldProblem(field, `revision of the bar at ${candle.time}, already closed`, 'out-of-order');
    }
    this.latest.set(candle.product, candle);
    return held !== undefined && candle.time > held.time ? held : null;
  }

  /** The bars still held, at the end of the input. */
  drain(): CandleEvent[] {
    const bars = [...this.latest.values()];
    this.latest.clear();
    return bars;
  }
}

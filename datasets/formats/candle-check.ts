/**
 * The one consistency rule every candle must meet whatever its format: low ≤ open, close ≤ high. A candle
 * that breaks it has a corrupt price (counted as `bad-price`), and a bar built from it would be nonsense.
 */
import type { CandleEvent } from '../events.js';
import { FieldProblem } from '../fields.js';

/** Returns the candle, or throws a `bad-price` FieldProblem on `field` (the row or message). */
export function checkedCandle(candle: CandleEvent, field: string): CandleEvent {
  const { open, high, low, close } = candle;
  if (low <= open && low <= close && high >= open && high >= close) return candle;
  throw new FieldProblem(
    field,
    `inconsistent OHLC: open ${open} high ${high} low ${low} close ${close}`,
    'bad-price',
  );
}

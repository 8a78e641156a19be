/**
 * Why an input line or event was set aside. One list shared by every parser and check, so the results can
 * count bad input per kind and a reader can tell a corrupt file (malformed) from a lossy recording (gaps).
 *   malformed     not JSON / not CSV, a missing or mistyped field, an impossible time
 *   unknown-type  a well-formed message of a type or channel no parser knows (an unknown type is never
 *                 silently skipped: it may be market data this version cannot read)
 *   bad-price     a price or size that is not a finite decimal, or is negative (prices must be > 0)
 *   sequence-gap  messages were lost between two lines (the exchange's sequence numbers jump); the line
 *                 after the gap is kept, the gap is counted
 *   out-of-order  an event older than the newest of its own stream (product × kind) by more than the
 *                 tolerance; bounded disorder is left to the engines' watermarks
 *   duplicate     the same trade id, ticker sequence, candle or depth update seen again
 */
export const REJECT_KINDS = [
  'malformed',
  'unknown-type',
  'bad-price',
  'sequence-gap',
  'out-of-order',
  'duplicate',
] as const;

export type RejectKind = (typeof REJECT_KINDS)[number];

/**
 * The header of a headered candle CSV (`timestamp,open,high,low,close,volume` and the like): which column
 * holds what. The time column is the first whose name says time or date (`timestamp`, `open_time_ms`,
 * `date`...); open, high, low, close and volume are required by name; a symbol column is optional.
 */

export interface OhlcvColumns {
  readonly time: number;
  readonly timeName: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** -1 when the file has no symbol column (the product is named after the file). */
  readonly symbol: number;
}

const SYMBOL_NAMES = ['symbol', 'product', 'product_id', 'pair', 'ticker'];

/** The columns of a header row, or null if `cells` is not a candle header. */
export function ohlcvColumns(cells: readonly string[]): OhlcvColumns | null {
  const names = cells.map((cell) => cell.toLowerCase());
  const time = names.findIndex((name) => name === 'ts' || name.includes('time') || name.includes('date'));
  const [open, high, low, close, volume] = ['open', 'high', 'low', 'close', 'volume'].map((n) =>
    names.indexOf(n),
  );
  if (time < 0 || Math.min(open, high, low, close, volume) < 0) return null;
  const symbol = names.findIndex((name) => SYMBOL_NAMES.includes(name));
  return { time, timeName: cells[time], open, high, low, close, volume, symbol };
}

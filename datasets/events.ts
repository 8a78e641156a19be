/**
 * The internal market-event model every format maps to and every workload consumes.
 * Times are event times in epoch milliseconds (fractional where the feed has microseconds).
 * Prices and sizes are finite numbers; sides are from the maker's book ('bid' | 'ask') or the taker
 * ('buy' | 'sell') as noted per field.
 */

/** A trade. `side` is the taker's side. `tradeId` is unique per product (used to drop duplicates). */
export interface TradeEvent {
  readonly kind: 'trade';
  readonly product: string;
  readonly time: number;
  readonly tradeId: number;
  readonly price: number;
  readonly size: number;
  readonly side: 'buy' | 'sell';
}

/** Absolute sizes at price levels (size 0 removes the level), as Coinbase `l2update`. */
export interface BookUpdateEvent {
  readonly kind: 'book';
  readonly product: string;
  readonly time: number;
  readonly changes: ReadonlyArray<readonly [side: 'bid' | 'ask', price: number, size: number]>;
}

/** A full replacement of one product's book. */
export interface BookSnapshotEvent {
  readonly kind: 'snapshot';
  readonly product: string;
  readonly time: number;
  readonly bids: ReadonlyArray<readonly [price: number, size: number]>;
  readonly asks: ReadonlyArray<readonly [price: number, size: number]>;
}

/**
 * Best bid/ask, with their sizes and the last trade price where the feed sends them (Binance's
 * `bookTicker` has sizes but no last price; Coinbase's classic ticker has the price but no sizes).
 * `sequence` is unique per product (used to drop duplicates).
 */
export interface TickerEvent {
  readonly kind: 'ticker';
  readonly product: string;
  readonly time: number;
  readonly sequence: number;
  readonly price?: number;
  readonly bestBid: number;
  readonly bestAsk: number;
  readonly bidSize?: number;
  readonly askSize?: number;
}

/** An OHLCV candle covering [time, time + intervalMs). */
export interface CandleEvent {
  readonly kind: 'candle';
  readonly product: string;
  readonly time: number;
  readonly intervalMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export type MarketEvent = TradeEvent | BookUpdateEvent | BookSnapshotEvent | TickerEvent | CandleEvent;

/** A raw input line and where it came from: what readers emit before parsing. */
export interface RawLine {
  readonly text: string;
  /** 1-based line number in its file (or message index for a generator). */
  readonly line: number;
}

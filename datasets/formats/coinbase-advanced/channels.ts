/**
 * The market-data channels of the Coinbase Advanced Trade WebSocket (`wss://advanced-trade-ws.coinbase.com`)
 * read into `MarketEvent`s. Each message is `{channel, timestamp, sequence_num, events: [...]}` and each
 * event is `{type: "snapshot" | "update", ...}` with a channel-specific list inside:
 *   l2_data        updates: [{side: "bid" | "offer", event_time, price_level, new_quantity}]  absolute sizes
 *   market_trades  trades: [{trade_id, product_id, price, size, side: "BUY" | "SELL", time}]
 *   ticker         tickers: [{product_id, price, best_bid, best_bid_quantity, best_ask, best_ask_quantity}]
 *   candles        candles: [{start (epoch s), open, high, low, close, volume, product_id}], 5-minute bars
 * (schema: Coinbase's Advanced Trade WebSocket channel reference).
 */
import type {
  BookSnapshotEvent,
  BookUpdateEvent,
  CandleEvent,
  TickerEvent,
  TradeEvent,
} from '../../events.js';
import {
  FieldProblem,
  readArray,
  readDigits,
  readPrice,
  readSize,
  readText,
  readTime,
  shown,
  under,
} from '../../fields.js';

type Json = Record<string, unknown>;

/** The candles channel's only granularity. */
export const ADVANCED_CANDLE_MS = 5 * 60_000;

export function readObject(value: unknown, field: string): Json {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  throw new FieldProblem(field, value === undefined ? 'missing' : `not an object: ${shown(value)}`);
}

/**
 * `read` applied to each item of `event[list]` (an object), with field names relative to the item: the
 * item's path (`events[0].trades[3]`) is only built when something in it is wrong.
 */
function eachItem<T>(event: Json, list: string, path: string, read: (item: Json) => T): T[] {
  const values = readArray(event[list], `${path}.${list}`);
  const out = new Array<T>(values.length);
  for (let i = 0; i < values.length; i++) {
    try {
      out[i] = read(readObject(values[i], ''));
    } catch (thrown) {
      throw under(`${path}.${list}[${i}]`, thrown);
    }
  }
  return out;
}

/**
 * An l2_data event: a snapshot replaces the book, an update sets absolute sizes. A snapshot's levels carry
 * stale `event_time`s, so it takes the message time; an update takes its newest level's `event_time`.
 */
export function l2Event(event: Json, path: string, messageTime: number): BookSnapshotEvent | BookUpdateEvent {
  const product = readText(event.product_id, `${path}.product_id`);
  const snapshot = event.type === 'snapshot';
  let time = snapshot ? messageTime : Number.NEGATIVE_INFINITY;
  const levels = eachItem(event, 'updates', path, (level) => {
    const side = level.side;
    if (side !== 'bid' && side !== 'offer')
      throw new FieldProblem('side', `not "bid" or "offer": ${shown(side)}`);
    if (!snapshot) time = Math.max(time, readTime(level.event_time, 'event_time'));
    const entry: [side: 'bid' | 'ask', price: number, size: number] = [
      side === 'bid' ? 'bid' : 'ask',
      readPrice(level.price_level, 'price_level'),
      readSize(level.new_quantity, 'new_quantity'),
    ];
    return entry;
  });
  if (snapshot) {
    const bids = levels.filter((l) => l[0] === 'bid').map((l) => [l[1], l[2]] as const);
    const asks = levels.filter((l) => l[0] === 'ask').map((l) => [l[1], l[2]] as const);
    return { kind: 'snapshot', product, time, bids, asks };
  }
  return { kind: 'book', product, time: levels.length === 0 ? messageTime : time, changes: levels };
}

/**
 * A market_trades event's trades, oldest first (a snapshot lists the latest trades newest first). `side`
 * is the resting maker order's side, as in the classic feed (Coinbase delivers trades from the maker's
 * perspective), so the taker is the opposite side.
 */
export function tradeEvents(event: Json, path: string): TradeEvent[] {
  const trades = eachItem(event, 'trades', path, (trade): TradeEvent => {
    const side = trade.side;
    if (side !== 'BUY' && side !== 'SELL')
      throw new FieldProblem('side', `not "BUY" or "SELL": ${shown(side)}`);
    return {
      kind: 'trade',
      product: readText(trade.product_id, 'product_id'),
      time: readTime(trade.time, 'time'),
      tradeId: readDigits(trade.trade_id, 'trade_id'),
      price: readPrice(trade.price, 'price'),
      size: readSize(trade.size, 'size'),
      side: side === 'SELL' ? 'buy' : 'sell',
    };
  });
  return trades.length > 1 ? trades.sort((a, b) => a.time - b.time || a.tradeId - b.tradeId) : trades;
}

/** A ticker event's tickers, stamped with the message time and its (connection-unique) sequence. */
export function tickerEvents(event: Json, path: string, time: number, sequence: number): TickerEvent[] {
  return eachItem(event, 'tickers', path, (ticker) => ({
    kind: 'ticker',
    product: readText(ticker.product_id, 'product_id'),
    time,
    sequence,
    price: readPrice(ticker.price, 'price'),
    bestBid: readPrice(ticker.best_bid, 'best_bid'),
    bestAsk: readPrice(ticker.best_ask, 'best_ask'),
    bidSize: readSize(ticker.best_bid_quantity, 'best_bid_quantity'),
    askSize: readSize(ticker.best_ask_quantity, 'best_ask_quantity'),
  }));
}

/** A candles event's candles (revisions of the current bar; see CandleRevisions). */
export function candleEvents(event: Json, path: string): CandleEvent[] {
  return eachItem(event, 'candles', path, (candle) => ({
    kind: 'candle',
    product: readText(candle.product_id, 'product_id'),
    time: readDigits(candle.start, 'start') * 1000,
    intervalMs: ADVANCED_CANDLE_MS,
    open: readPrice(candle.open, 'open'),
    high: readPrice(candle.high, 'high'),
    low: readPrice(candle.low, 'low'),
    close: readPrice(candle.close, 'close'),
    volume: readSize(candle.volume, 'volume'),
  }));
}

/**
 * Binance WebSocket market-data payloads (`data` of a combined-stream message, or a raw single-stream
 * message) read into `MarketEvent`s. Prices and quantities are decimal strings; times are exchange ms.
 *   trade        {e, E, s, t, p, q, T, m}           T trade time; m: the buyer is the maker
 *   aggTrade     {e, E, s, a, p, q, f, l, T, m}     a: aggregate trade id
 *   bookTicker   {u, s, b, B, a, A} (+E, T futures)  best bid/ask and their sizes; spot sends no time
 *   depthUpdate  {e, E, s, U, u, b, a} (+pu futures) absolute quantities; read by DepthSync
 * (schema: Binance Spot "WebSocket Streams" reference).
 */
import type { TickerEvent, TradeEvent } from '../../events.js';
import { readBoolean, readInteger, readPrice, readSize, readText } from '../../fields.js';

type Json = Record<string, unknown>;

/** `trade` or `aggTrade` (whose id is the aggregate id `a`). The taker is the side that is not the maker. */
export function tradeEvent(data: Json): TradeEvent {
  const idField = data.e === 'aggTrade' ? 'a' : 't';
  return {
    kind: 'trade',
    product: readText(data.s, 's'),
    time: readInteger(data.T, 'T'),
    tradeId: readInteger(data[idField], idField),
    price: readPrice(data.p, 'p'),
    size: readSize(data.q, 'q'),
    side: readBoolean(data.m, 'm') ? 'sell' : 'buy',
  };
}

/**
 * `bookTicker`: the top of the book with sizes, no last price. Spot sends no time, so the event is left
 * undated (NaN) for the input to date from its neighbours; futures send `E`.
 */
export function bookTickerEvent(data: Json): TickerEvent {
  return {
    kind: 'ticker',
    product: readText(data.s, 's'),
    time: data.E === undefined ? Number.NaN : readInteger(data.E, 'E'),
    sequence: readInteger(data.u, 'u'),
    bestBid: readPrice(data.b, 'b'),
    bestAsk: readPrice(data.a, 'a'),
    bidSize: readSize(data.B, 'B'),
    askSize: readSize(data.A, 'A'),
  };
}

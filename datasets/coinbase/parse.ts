/**
 * Parser for the classic Coinbase Exchange WebSocket feed (`wss://ws-feed.exchange.coinbase.com`, channels
 * `level2`, `ticker`, `matches`), one JSON message per line, into the internal `MarketEvent` model.
 * It runs once per message on the replay hot path: one `JSON.parse`, then plain field reads, no regexes.
 */
import { DatasetParseError } from '../../harness/errors.js';
import type { BookSnapshotEvent, BookUpdateEvent, MarketEvent, TickerEvent, TradeEvent } from '../events.js';
import {
  FieldProblem,
  readArray,
  readInteger,
  readPrice,
  readSide,
  readSize,
  readText,
  readTime,
} from './fields.js';

/** What one line becomes: its events (none for control messages), or why it is malformed. */
export type ParseOutcome = { ok: true; events: MarketEvent[] } | { ok: false; error: DatasetParseError };

/** Parses one feed line; `file` and `line` only label errors. */
export type LineParser = (text: string, file: string, line: number) => ParseOutcome;

type Message = Record<string, unknown>;

function snapshotEvent(message: Message, product: string): BookSnapshotEvent {
  // The real feed's snapshot has no `time`; inputs date it from its neighbours (see CoinbaseLineInput).
  return {
    kind: 'snapshot',
    product,
    time: Number.NaN,
    bids: snapshotSide(message.bids, 'bids'),
    asks: snapshotSide(message.asks, 'asks'),
  };
}

function snapshotSide(value: unknown, field: string): [price: number, size: number][] {
  const levels = readArray(value, field);
  const parsed = new Array<[number, number]>(levels.length);
  for (let i = 0; i < levels.length; i++) {
    const level = readArray(levels[i], `${field}[${i}]`);
    parsed[i] = [readPrice(level[0], `${field}[${i}][0]`), readSize(level[1], `${field}[${i}][1]`)];
  }
  return parsed;
}

function bookUpdateEvent(message: Message, product: string): BookUpdateEvent {
  const changes = readArray(message.changes, 'changes');
  const parsed = new Array<[side: 'bid' | 'ask', price: number, size: number]>(changes.length);
  for (let i = 0; i < changes.length; i++) {
    const change = readArray(changes[i], `changes[${i}]`);
    const side = readSide(change[0], `changes[${i}][0]`) === 'buy' ? 'bid' : 'ask';
    parsed[i] = [side, readPrice(change[1], `changes[${i}][1]`), readSize(change[2], `changes[${i}][2]`)];
  }
  return { kind: 'book', product, time: readTime(message.time, 'time'), changes: parsed };
}

/**
 * A `match` (or `last_match`, the latest trade replayed on subscribe). Coinbase's `side` is the side of
 * the resting MAKER order; the taker is the opposite side, so a maker "sell" is a taker 'buy' (an uptick).
 */
function tradeEvent(message: Message, product: string): TradeEvent {
  const makerSide = readSide(message.side, 'side');
  return {
    kind: 'trade',
    product,
    time: readTime(message.time, 'time'),
    tradeId: readInteger(message.trade_id, 'trade_id'),
    price: readPrice(message.price, 'price'),
    size: readSize(message.size, 'size'),
    side: makerSide === 'sell' ? 'buy' : 'sell',
  };
}

function tickerEvent(message: Message, product: string): TickerEvent {
  return {
    kind: 'ticker',
    product,
    time: readTime(message.time, 'time'),
    sequence: readInteger(message.sequence, 'sequence'),
    price: readPrice(message.price, 'price'),
    bestBid: readPrice(message.best_bid, 'best_bid'),
    bestAsk: readPrice(message.best_ask, 'best_ask'),
  };
}

/** Builds the event of each market-data message type; every other type carries no market data. */
const EVENT_BUILDERS = new Map<string, (message: Message, product: string) => MarketEvent>([
  ['l2update', bookUpdateEvent],
  ['match', tradeEvent],
  ['last_match', tradeEvent],
  ['ticker', tickerEvent],
  ['snapshot', snapshotEvent],
]);

/**
 * The events of one message: one for a market-data type, none for the rest (subscriptions, heartbeat,
 * status, and the full channel's received/open/done/change).
 */
function eventsOf(message: Message): MarketEvent[] {
  const type = message.type;
  if (typeof type !== 'string') {
    throw new FieldProblem('type', type === undefined ? 'missing' : 'not a string');
  }
  const build = EVENT_BUILDERS.get(type);
  return build ? [build(message, readText(message.product_id, 'product_id'))] : [];
}

/**
 * Parses one classic ws-feed line. Never throws: malformed input comes back as `ok: false` with a
 * `DatasetParseError` naming the file, line, field (`(json)` for the line itself) and reason.
 */
export function parseCoinbaseLine(text: string, file: string, line: number): ParseOutcome {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    // The engine's own message varies across Node versions; a fixed reason keeps reject logs comparable.
    return { ok: false, error: new DatasetParseError(file, line, '(json)', 'not valid JSON') };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { ok: false, error: new DatasetParseError(file, line, '(json)', 'not a JSON object') };
  }
  try {
    return { ok: true, events: eventsOf(message as Message) };
  } catch (thrown) {
    if (!(thrown instanceof FieldProblem)) throw thrown;
    return { ok: false, error: new DatasetParseError(file, line, thrown.field, thrown.reason) };
  }
}

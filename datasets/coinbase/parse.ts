/**
 * Parser for the classic Coinbase Exchange WebSocket feed (`wss://ws-feed.exchange.coinbase.com`, channels
 * `level2`, `ticker`, `matches`), one JSON message per line, into the internal `MarketEvent` model.
 * It runs once per message on the replay hot path: one `JSON.parse`, then plain field reads, no regexes.
 */
import type { DatasetParseError } from '../../harness/errors.js';
import type { BookSnapshotEvent, BookUpdateEvent, MarketEvent, TickerEvent, TradeEvent } from '../events.js';
import {
  readArray,
  readInteger,
  readPrice,
  readSide,
  readSize,
  readText,
  readTime,
  under,
} from '../fields.js';
import { parseJsonObject, problemOutcome, rejected } from '../formats/parser.js';

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
    try {
      const level = readArray(levels[i], '');
      parsed[i] = [readPrice(level[0], '[0]'), readSize(level[1], '[1]')];
    } catch (thrown) {
      throw under(`${field}[${i}]`, thrown);
    }
  }
  return parsed;
}

function bookUpdateEvent(message: Message, product: string): BookUpdateEvent {
  const changes = readArray(message.changes, 'changes');
  const parsed = new Array<[side: 'bid' | 'ask', price: number, size: number]>(changes.length);
  for (let i = 0; i < changes.length; i++) {
    try {
      const change = readArray(changes[i], '');
      const side = readSide(change[0], '[0]') === 'buy' ? 'bid' : 'ask';
      parsed[i] = [side, readPrice(change[1], '[1]'), readSize(change[2], '[2]')];
    } catch (thrown) {
      throw under(`changes[${i}]`, thrown);
    }
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
 * Types the feed sends that carry no market data this workload reads: control messages and the `full`
 * channel's order lifecycle. Any type in neither list is set aside as `unknown-type`, never skipped.
 */
const CONTROL_TYPES = new Set([
  'subscriptions',
  'heartbeat',
  'status',
  'error',
  'received',
  'open',
  'done',
  'change',
  'activate',
]);

/**
 * Parses one classic ws-feed line. Never throws: bad input comes back as `ok: false` with a
 * `DatasetParseError` naming the file, line, field (`(json)` for the line itself), reason and kind.
 */
export function parseCoinbaseLine(text: string, file: string, line: number): ParseOutcome {
  const parsed = parseJsonObject(text, file, line);
  if (!parsed.ok) return parsed;
  const type = parsed.message.type;
  if (typeof type !== 'string') {
    return rejected(file, line, 'type', type === undefined ? 'missing' : 'not a string', 'malformed');
  }
  const build = EVENT_BUILDERS.get(type);
  if (build === undefined) {
    if (CONTROL_TYPES.has(type)) return { ok: true, events: [] };
    return rejected(file, line, 'type', `unknown message type ${JSON.stringify(type)}`, 'unknown-type');
  }
  try {
    return { ok: true, events: [build(parsed.message, readText(parsed.message.product_id, 'product_id'))] };
  } catch (thrown) {
    return problemOutcome(thrown, file, line);
  }
}

/**
 * Parser for Binance WebSocket recordings, one message per line: combined-stream messages
 * (`{"stream": "btcusdt@trade", "data": {...}}`), raw single-stream messages (the payload alone), depth
 * snapshots (`{lastUpdateId, bids, asks}`, from REST or a partial-depth stream) and the server's
 * subscription replies (`{"result": null, "id": 1}`). Payload types are read by messages.ts and
 * depth-sync.ts; any other type is set aside as `unknown-type`.
 */
import type { MarketEvent } from '../../events.js';
import { readText } from '../../fields.js';
import { type FormatParser, type LineOutcome, parseJsonObject, problemOutcome, rejected } from '../parser.js';
import { DepthSync } from './depth-sync.js';
import { bookTickerEvent, tradeEvent } from './messages.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The later of two times, either of which may be NaN (unknown). */
function newer(a: number, b: number): number {
  return Number.isNaN(a) || b > a ? b : a;
}

/** `btcusdt@depth5@100ms` → `BTCUSDT`: the symbol a combined stream's partial-depth snapshot is for. */
function streamSymbol(stream: string): string {
  return stream.slice(0, stream.indexOf('@')).toUpperCase();
}

export class BinanceParser implements FormatParser {
  private readonly depth: DepthSync;
  /** The newest exchange time seen: what a snapshot, which carries none, is stamped with. */
  private newest = Number.NaN;

  constructor(private readonly file: string) {
    this.depth = new DepthSync(file);
  }

  parse(text: string, line: number): LineOutcome {
    const parsed = parseJsonObject(text, this.file, line);
    if (!parsed.ok) return parsed;
    const message = parsed.message;
    try {
      let data = message;
      let stream: string | null = null;
      if (message.stream !== undefined) {
        stream = readText(message.stream, 'stream');
        if (!isObject(message.data)) return rejected(this.file, line, 'data', 'not an object', 'malformed');
        data = message.data;
      } else if ('result' in message && 'id' in message) {
        return { ok: true, events: [] };
      }
      const outcome = this.payload(data, stream, line);
      if (outcome.ok) for (const event of outcome.events) this.newest = newer(this.newest, event.time);
      return outcome;
    } catch (thrown) {
      return problemOutcome(thrown, this.file, line);
    }
  }

  end(): MarketEvent[] {
    return [];
  }

  private payload(data: Json, stream: string | null, line: number): LineOutcome {
    const type = data.e;
    if (type === 'trade' || type === 'aggTrade') return { ok: true, events: [tradeEvent(data)] };
    if (type === 'depthUpdate') return { ok: true, ...this.depth.update(data, line) };
    if (type === undefined && 'lastUpdateId' in data) {
      const symbol = stream === null ? null : streamSymbol(stream);
      return { ok: true, events: this.depth.snapshot(data, symbol, this.newest) };
    }
    if ((type === undefined || type === 'bookTicker') && 'u' in data && 'b' in data && 'a' in data) {
      return { ok: true, events: [bookTickerEvent(data)] };
    }
    const what = type === undefined ? 'a payload with no "e"' : `event type ${JSON.stringify(type)}`;
    return rejected(this.file, line, stream === null ? 'e' : 'data.e', `unknown ${what}`, 'unknown-type');
  }
}

/**
 * Parser for the Coinbase Advanced Trade WebSocket feed, one `{channel, timestamp, sequence_num, events}`
 * message per line. `sequence_num` counts every message on a connection, so a jump is lost messages (a
 * `sequence-gap`, the line kept), a repeat is a `duplicate` (the line set aside), and 0 after a larger
 * number is a new connection (a recorder's reconnect), which continues the count instead of restarting it,
 * so ticker sequences stay unique across reconnects.
 */
import { DatasetParseError } from '../../../harness/errors.js';
import type { MarketEvent } from '../../events.js';
import { readArray, readInteger, readTime } from '../../fields.js';
import { checkedCandle } from '../candle-check.js';
import { type FormatParser, type LineOutcome, parseJsonObject, problemOutcome, rejected } from '../parser.js';
import { CandleRevisions } from './candle-revisions.js';
import { candleEvents, l2Event, readObject, tickerEvents, tradeEvents } from './channels.js';

/** Channels that carry no market data this workload reads. */
const CONTROL_CHANNELS = new Set(['subscriptions', 'heartbeats', 'status']);
const MARKET_CHANNELS = new Set(['l2_data', 'market_trades', 'ticker', 'candles']);

type Json = Record<string, unknown>;

export class CoinbaseAdvancedParser implements FormatParser {
  private lastSequence = -1;
  /** Sequences of earlier connections, added so ticker sequences keep rising across reconnects. */
  private sequenceBase = 0;
  private readonly candles = new CandleRevisions();

  constructor(private readonly file: string) {}

  parse(text: string, line: number): LineOutcome {
    const parsed = parseJsonObject(text, this.file, line);
    if (!parsed.ok) return parsed;
    const message = parsed.message;
    const channel = message.channel;
    if (typeof channel !== 'string') {
      // Errors and subscribe echoes have a `type` and no channel.
      if (message.type === 'error') return { ok: true, events: [] };
      const reason = channel === undefined ? 'missing' : 'not a string';
      return rejected(this.file, line, 'channel', reason, 'malformed');
    }
    try {
      // Every message on the connection, control ones too, takes a sequence number.
      const sequence = readInteger(message.sequence_num, 'sequence_num');
      const gap = this.sequenceGap(sequence, line);
      if (gap === 'duplicate') {
        const reason = `sequence_num ${sequence} after ${this.lastSequence}`;
        return rejected(this.file, line, 'sequence_num', reason, 'duplicate');
      }
      // The number was used even if the rest of the line is bad, so it counts before the events are read.
      this.lastSequence = sequence;
      if (CONTROL_CHANNELS.has(channel)) return { ok: true, events: [] };
      if (!MARKET_CHANNELS.has(channel)) {
        const reason = `unknown channel ${JSON.stringify(channel)}`;
        return rejected(this.file, line, 'channel', reason, 'unknown-type');
      }
      const time = readTime(message.timestamp, 'timestamp');
      const events = this.eventsOf(message, channel, time, this.sequenceBase + sequence);
      return gap === null ? { ok: true, events } : { ok: true, events, gap };
    } catch (thrown) {
      return problemOutcome(thrown, this.file, line);
    }
  }

  end(): MarketEvent[] {
    return this.candles.drain();
  }

  /** A gap before this message, 'duplicate' for a repeat, or null; starts a new connection on 0. */
  private sequenceGap(sequence: number, line: number): DatasetParseError | 'duplicate' | null {
    const last = this.lastSequence;
    if (last < 0 || sequence === last + 1) return null;
    if (sequence === 0) {
      this.sequenceBase += last + 1;
      return null;
    }
    if (sequence <= last) return 'duplicate';
    const lost = sequence - last - 1;
    const reason = `sequence_num jumped from ${last} to ${sequence}: ${lost} message(s) lost`;
    return new DatasetParseError(this.file, line, 'sequence_num', reason, 'sequence-gap');
  }

  private eventsOf(message: Json, channel: string, time: number, sequence: number): MarketEvent[] {
    const events: MarketEvent[] = [];
    readArray(message.events, 'events').forEach((item, i) => {
      const path = `events[${i}]`;
      const e = readObject(item, path);
      if (channel === 'l2_data') events.push(l2Event(e, path, time));
      else if (channel === 'market_trades') events.push(...tradeEvents(e, path));
      else if (channel === 'ticker') events.push(...tickerEvents(e, path, time, sequence));
      else {
        for (const candle of candleEvents(e, path)) {
          const done = this.candles.revise(checkedCandle(candle, path), path);
          if (done !== null) events.push(done);
        }
      }
    });
    return events;
  }
}

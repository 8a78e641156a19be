/**
 * Parser for Binance public-data kline CSVs (data.binance.vision): no header, 12 columns per row,
 *   open_time, open, high, low, close, volume, close_time, quote_volume, trades,
 *   taker_buy_base_volume, taker_buy_quote_volume, ignore
 * times in epoch ms (µs from 2025 on). The interval is `close_time − open_time + 1`, so every row
 * states its own and a file of any interval reads without being told.
 */
import type { MarketEvent } from '../../events.js';
import { FieldProblem, readPrice, readSize } from '../../fields.js';
import { checkedCandle } from '../candle-check.js';
import { type FormatParser, type LineOutcome, problemOutcome } from '../parser.js';
import { CandleSequence } from './candle-sequence.js';
import { productFromPath, readCsvTime, splitRow } from './cells.js';

export const KLINE_COLUMNS = 12;
/** Open times at or above this are µs (Binance's spot files from 2025 on), below it ms. */
const MICROSECOND_TIMES = 1e14;

export class BinanceKlinesParser implements FormatParser {
  private readonly product: string;
  private readonly sequence: CandleSequence;

  constructor(private readonly file: string) {
    this.product = productFromPath(file);
    this.sequence = new CandleSequence(file, 'open_time');
  }

  parse(text: string, line: number): LineOutcome {
    try {
      const cells = splitRow(text);
      if (cells.length !== KLINE_COLUMNS) {
        throw new FieldProblem('(row)', `${cells.length} columns, a kline row has ${KLINE_COLUMNS}`);
      }
      const time = readCsvTime(cells[0], 'open_time');
      const closeTime = readCsvTime(cells[6], 'close_time');
      // close_time is the interval's last tick: 1 ms before the next open, or 1 µs in µs files.
      const tickMs = Number(cells[0]) >= MICROSECOND_TIMES ? 0.001 : 1;
      const intervalMs = Math.round(closeTime - time + tickMs);
      if (!(intervalMs > 0)) throw new FieldProblem('close_time', 'not after open_time');
      const candle = checkedCandle(
        {
          kind: 'candle',
          product: this.product,
          time,
          intervalMs,
          open: readPrice(cells[1], 'open'),
          high: readPrice(cells[2], 'high'),
          low: readPrice(cells[3], 'low'),
          close: readPrice(cells[4], 'close'),
          volume: readSize(cells[5], 'volume'),
        },
        '(row)',
      );
      const gap = this.sequence.follow(candle, line);
      return gap === null ? { ok: true, events: [candle] } : { ok: true, events: [candle], gap };
    } catch (thrown) {
      return problemOutcome(thrown, this.file, line);
    }
  }

  end(): MarketEvent[] {
    return [];
  }
}

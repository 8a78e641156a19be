/**
 * Every file format the harness reads, by name: what `--format` accepts, what detection answers, and how
 * to make a parser for one file. Parsers get the file's first lines too, for formats whose header or
 * interval is only known from the file itself.
 */
import { coinbaseFormatParser } from '../coinbase/index.js';
import { BinanceParser } from './binance/parse.js';
import { CoinbaseAdvancedParser } from './coinbase-advanced/parse.js';
import { BinanceKlinesParser } from './csv/klines.js';
import { OhlcvCsvParser } from './csv/ohlcv.js';
import type { FormatParser } from './parser.js';

export const FORMAT_NAMES = [
  'coinbase-exchange',
  'coinbase-advanced',
  'binance',
  'binance-klines',
  'ohlcv-csv',
] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

/** What each format is, for help texts and `flinkcoin datasets`. */
export const FORMAT_DESCRIPTIONS: Readonly<Record<FormatName, string>> = {
  'coinbase-exchange': 'Coinbase Exchange ws-feed (classic: snapshot, l2update, match, ticker), JSON lines',
  'coinbase-advanced':
    'Coinbase Advanced Trade WebSocket (l2_data, market_trades, ticker, candles), JSON lines',
  binance:
    'Binance WebSocket, combined or raw streams (trade, aggTrade, bookTicker, depthUpdate), JSON lines',
  'binance-klines': 'Binance public-data kline CSV (12 columns, no header)',
  'ohlcv-csv': 'candle CSV with a header (time,open,high,low,close,volume)',
};

/** A fresh parser for `file` in `format`; `head` is the file's first lines. */
export function createParser(format: FormatName, file: string, head: readonly string[]): FormatParser {
  switch (format) {
    case 'coinbase-exchange':
      return coinbaseFormatParser(file);
    case 'coinbase-advanced':
      return new CoinbaseAdvancedParser(file);
    case 'binance':
      return new BinanceParser(file);
    case 'binance-klines':
      return new BinanceKlinesParser(file);
    case 'ohlcv-csv':
      return new OhlcvCsvParser(file, head);
  }
}

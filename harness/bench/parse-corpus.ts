/**
 * The lines `bench:parse` parses, per format: the shared recording of that format when ../shared/datasets
 * has one (real message mixes and sizes), else a deterministic synthetic corpus in the same mix (trades,
 * book updates, tickers; candles), so the benchmark runs in a fresh clone too. Lines are held in memory:
 * the benchmark measures parsing, not disk or gunzip.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FileLines } from '../../datasets/file-lines.js';
import type { FormatName } from '../../datasets/formats/registry.js';
import { generatorLines } from '../../datasets/generator/index.js';

const SHARED = new URL('../../../shared/datasets/', import.meta.url).pathname;
const RECORDINGS: Partial<Record<FormatName, string>> = {
  'coinbase-exchange': 'coinbase-exchange/feed-2021-04-17.jsonl',
  binance: 'binance-spot/btcusdt-2024-08-08.jsonl.gz',
  'ohlcv-csv': 'binance-klines/BTC_USDT-1m.csv',
};
const SYNTHETIC_LINES = 50_000;
const T0 = Date.UTC(2024, 0, 1);

export interface Corpus {
  readonly lines: string[];
  readonly source: string;
}

const price = (i: number) => (60_000 + ((i * 7919) % 2000) / 100).toFixed(2);
const iso = (ms: number) => new Date(ms).toISOString();

function advanced(i: number): string {
  const envelope = `"client_id":"","timestamp":"${iso(T0 + i * 10)}","sequence_num":${i}`;
  if (i % 10 === 8) {
    const trade = `{"trade_id":"${i}","product_id":"BTC-USD","price":"${price(i)}","size":"0.01","side":"BUY","time":"${iso(T0 + i * 10)}"}`;
    return `{"channel":"market_trades",${envelope},"events":[{"type":"update","trades":[${trade}]}]}`;
  }
  if (i % 10 === 9) {
    const ticker = `{"type":"ticker","product_id":"BTC-USD","price":"${price(i)}","volume_24_h":"1000","low_24_h":"59000","high_24_h":"61000","low_52_w":"15000","high_52_w":"73000","price_percent_chg_24_h":"1.2","best_bid":"${price(i)}","best_bid_quantity":"0.5","best_ask":"${price(i + 1)}","best_ask_quantity":"0.7"}`;
    return `{"channel":"ticker",${envelope},"events":[{"type":"update","tickers":[${ticker}]}]}`;
  }
  const levels = [0, 1, 2]
    .slice(0, 1 + (i % 3))
    .map(
      (k) =>
        `{"side":"${k % 2 ? 'offer' : 'bid'}","event_time":"${iso(T0 + i * 10)}","price_level":"${price(i + k)}","new_quantity":"${(k + 1) * 0.25}"}`,
    );
  return `{"channel":"l2_data",${envelope},"events":[{"type":"update","product_id":"BTC-USD","updates":[${levels.join(',')}]}]}`;
}

function binance(i: number): string {
  const E = T0 + i * 10;
  if (i % 9 < 6) {
    return `{"stream":"btcusdt@bookTicker","data":{"u":${i},"s":"BTCUSDT","b":"${price(i)}","B":"1.5","a":"${price(i + 1)}","A":"2.25"}}`;
  }
  if (i % 9 < 8) {
    return `{"stream":"btcusdt@trade","data":{"e":"trade","E":${E},"s":"BTCUSDT","t":${i},"p":"${price(i)}","q":"0.02","T":${E},"m":${i % 2 === 0},"M":true}}`;
  }
  const side = (k: number) => `["${price(i + k)}","${(k * 0.1).toFixed(8)}"]`;
  const depth = Math.floor(i / 9);
  return `{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":${E},"s":"BTCUSDT","U":${depth * 10 + 1},"u":${depth * 10 + 10},"b":[${[0, 1, 2].map(side)}],"a":[${[3, 4].map(side)}]}}`;
}

/** A consistent candle's cells: open, high, low, close. */
function ohlc(i: number): string {
  const [open, close] = [Number(price(i)), Number(price(i + 1))];
  return `${open},${(Math.max(open, close) + 1.5).toFixed(2)},${(Math.min(open, close) - 1.25).toFixed(2)},${close}`;
}

function kline(i: number): string {
  const open = T0 + i * 60_000;
  return `${open},${ohlc(i)},12.5,${open + 59_999},750000.1,321,6.1,366000.5,0`;
}

function ohlcv(i: number): string {
  return i === 0 ? 'timestamp,open,high,low,close,volume' : `${T0 + i * 60_000},${ohlc(i)},12.5`;
}

function synthetic(format: FormatName): string[] {
  if (format === 'coinbase-exchange') return [...generatorLines({ seed: 1, messages: SYNTHETIC_LINES })];
  const make = { 'coinbase-advanced': advanced, binance, 'binance-klines': kline, 'ohlcv-csv': ohlcv }[
    format
  ];
  return Array.from({ length: SYNTHETIC_LINES }, (_, i) => make(i));
}

export function corpusOf(format: FormatName): Corpus {
  const recording = RECORDINGS[format];
  if (recording === undefined || !existsSync(join(SHARED, recording))) {
    return { lines: synthetic(format), source: 'synthetic' };
  }
  const lines: string[] = [];
  const file = new FileLines(join(SHARED, recording));
  for (let line = file.next(); line !== null; line = file.next()) lines.push(line);
  return { lines, source: recording };
}

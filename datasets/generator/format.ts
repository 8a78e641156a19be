/**
 * Text of the synthetic feed, byte for byte in the classic Coinbase Exchange ws-feed shapes (field order
 * as the real feed sends them), built with template strings: this is most of the generator's cost.
 */
import { ASK, BID, type BookChanges } from './book.js';

/** Decimal places of sizes, as Coinbase sends them. */
export const SIZE_DECIMALS = 8;

/** An integer count of 10^-decimals units as a fixed-point decimal ("4200012", 2 → "42000.12"). */
export function formatFixed(units: number, decimals: number): string {
  let digits = String(units);
  if (digits.length <= decimals) digits = '0'.repeat(decimals - digits.length + 1) + digits;
  const point = digits.length - decimals;
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Formats epoch microseconds as Coinbase does (`2024-01-01T00:00:00.123456Z`), caching the second. */
export class IsoMicrosFormatter {
  private second = Number.NaN;
  private prefix = '';

  format(micros: number): string {
    const second = Math.floor(micros / 1e6);
    if (second !== this.second) {
      this.second = second;
      this.prefix = new Date(second * 1000).toISOString().slice(0, 19);
    }
    return `${this.prefix}.${String(micros - second * 1e6 + 1e6).slice(1)}Z`;
  }
}

/** How one product's numbers are written. */
export interface ProductFormat {
  readonly product: string;
  readonly priceDecimals: number;
}

function levels(format: ProductFormat, ticks: readonly number[], units: readonly number[]): string {
  let text = '';
  for (let i = 0; i < ticks.length; i++) {
    const level = `["${formatFixed(ticks[i], format.priceDecimals)}","${formatFixed(units[i], SIZE_DECIMALS)}"]`;
    text += i === 0 ? level : `,${level}`;
  }
  return text;
}

/** A `snapshot` message: no time field, as the real feed. */
export function snapshotLine(
  format: ProductFormat,
  ticks: readonly [readonly number[], readonly number[]],
  units: readonly [readonly number[], readonly number[]],
): string {
  const asks = levels(format, ticks[ASK], units[ASK]);
  const bids = levels(format, ticks[BID], units[BID]);
  return `{"type":"snapshot","product_id":"${format.product}","asks":[${asks}],"bids":[${bids}]}`;
}

/** An `l2update` message with every change in `changes`. */
export function l2updateLine(format: ProductFormat, changes: BookChanges, time: string): string {
  let text = '';
  for (let i = 0; i < changes.length; i += 3) {
    const side = changes[i] === BID ? 'buy' : 'sell';
    const change = `["${side}","${formatFixed(changes[i + 1], format.priceDecimals)}","${formatFixed(changes[i + 2], SIZE_DECIMALS)}"]`;
    text += i === 0 ? change : `,${change}`;
  }
  return `{"type":"l2update","product_id":"${format.product}","changes":[${text}],"time":"${time}"}`;
}

/** One trade as both Coinbase messages describe it. `makerSide` is the resting order's side. */
export interface TradeText {
  readonly tradeId: number;
  readonly sequence: number;
  readonly makerOrderId: string;
  readonly takerOrderId: string;
  readonly makerSide: 'buy' | 'sell';
  readonly price: string;
  readonly size: string;
  readonly time: string;
}

/** A `match` message. */
export function matchLine(format: ProductFormat, trade: TradeText): string {
  return (
    `{"type":"match","trade_id":${trade.tradeId},"maker_order_id":"${trade.makerOrderId}",` +
    `"taker_order_id":"${trade.takerOrderId}","side":"${trade.makerSide}","size":"${trade.size}",` +
    `"price":"${trade.price}","product_id":"${format.product}","sequence":${trade.sequence},"time":"${trade.time}"}`
  );
}

/** Rolling statistics the ticker carries besides the trade. */
export interface TickerStats {
  readonly open24h: string;
  readonly volume24h: string;
  readonly low24h: string;
  readonly high24h: string;
  readonly volume30d: string;
  readonly bestBid: string;
  readonly bestAsk: string;
}

/** A `ticker` message after `trade`; its `side` is the taker's, as on the real feed. */
export function tickerLine(format: ProductFormat, trade: TradeText, stats: TickerStats): string {
  const takerSide = trade.makerSide === 'buy' ? 'sell' : 'buy';
  return (
    `{"type":"ticker","sequence":${trade.sequence},"product_id":"${format.product}","price":"${trade.price}",` +
    `"open_24h":"${stats.open24h}","volume_24h":"${stats.volume24h}","low_24h":"${stats.low24h}",` +
    `"high_24h":"${stats.high24h}","volume_30d":"${stats.volume30d}","best_bid":"${stats.bestBid}",` +
    `"best_ask":"${stats.bestAsk}","side":"${takerSide}","time":"${trade.time}","trade_id":${trade.tradeId},` +
    `"last_size":"${trade.size}"}`
  );
}

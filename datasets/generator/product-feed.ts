/**
 * One product's side of the synthetic feed: its book, its trade and sequence counters, and the lines a
 * step of the market produces for it (an `l2update`, or a `match` + `ticker` + the `l2update` showing the
 * liquidity it took). Prices are integer ticks (0.01 for fiat quotes, 0.00001 otherwise, as Coinbase
 * quotes BTC-USD and ETH-BTC) and sizes integer 1e-8 units, so every number in the text is exact.
 */
import { ASK, BID, type BookChanges, SyntheticBook } from './book.js';
import {
  formatFixed,
  l2updateLine,
  matchLine,
  type ProductFormat,
  SIZE_DECIMALS,
  snapshotLine,
  type TradeText,
  tickerLine,
} from './format.js';
import { isFiat } from './market.js';
import type { SeededRandom } from './random.js';

const UNITS_PER_ASSET = 1e8;
const TRADE_USD = 700; // typical trade notional
const LEVEL_USD = 3000; // typical resting notional of a book level
const LEVEL_GAP = 1e-5; // typical distance between adjacent levels, relative to price
const BASELINE_TRADES_24H = 50_000; // volume the ticker reports from before the feed starts

/** Lines for one product; the caller owns event time and the choice of product per step. */
export class ProductFeed {
  private readonly format: ProductFormat;
  private readonly book: SyntheticBook;
  private readonly changes: BookChanges = [];
  private readonly tradeUnits: number;
  private readonly ticksPerUnitPrice: number;
  private tradeId: number;
  private sequence: number;
  private readonly openTicks: number;
  private lowTicks: number;
  private highTicks: number;
  private volumeUnits = 0;
  private readonly baselineUnits: number;

  /** `price` and `baseUsd` are the product's fair price and its base asset's USD value at the start. */
  constructor(
    product: string,
    price: number,
    baseUsd: number,
    depth: number,
    private readonly random: SeededRandom,
  ) {
    const priceDecimals = isFiat(product.split('-')[1]) ? 2 : 5;
    this.format = { product, priceDecimals };
    this.ticksPerUnitPrice = 10 ** priceDecimals;
    const mid = this.ticks(price);
    const levelUnits = (LEVEL_USD / baseUsd) * UNITS_PER_ASSET;
    this.book = new SyntheticBook(depth, Math.max(1, Math.round(mid * LEVEL_GAP)), levelUnits, random);
    this.book.reset(mid, this.changes);
    this.tradeUnits = (TRADE_USD / baseUsd) * UNITS_PER_ASSET;
    this.baselineUnits = Math.round(this.tradeUnits * BASELINE_TRADES_24H);
    this.tradeId = 1_000_000 + random.below(9_000_000);
    this.sequence = 100_000_000 + random.below(900_000_000);
    this.openTicks = this.lowTicks = this.highTicks = Math.round(mid);
  }

  /** The book as it stands, as a `snapshot` message. */
  snapshot(): string {
    return snapshotLine(this.format, this.book.ticks, this.book.units);
  }

  /** An ordinary book update at fair price `price`. */
  bookUpdate(price: number, time: string): string {
    const mid = this.ticks(price);
    this.changes.length = 0;
    if (!this.book.follow(mid, this.changes)) this.book.churn(mid, this.changes);
    return l2updateLine(this.format, this.changes, time);
  }

  /**
   * A taker order at fair price `price`, pushed to `lines` as match, ticker, l2update. Takers lean
   * towards the side the fair price is moving to (buying when it is above the book's mid).
   */
  trade(price: number, time: string, lines: string[]): void {
    const mid = this.ticks(price);
    this.changes.length = 0;
    this.book.follow(mid, this.changes);
    const bestBid = this.book.ticks[BID][0];
    const bestAsk = this.book.ticks[ASK][0];
    const pressure = (mid - (bestBid + bestAsk) / 2) / (bestAsk - bestBid);
    const makerSide = this.random.chance(0.5 + pressure) ? ASK : BID;
    const priceTicks = makerSide === ASK ? bestAsk : bestBid;
    const wanted = Math.max(1, Math.round(this.tradeUnits * Math.exp(this.random.normal() - 0.5)));
    const filled = this.book.take(makerSide, wanted, mid, this.changes);
    this.tradeId += 1;
    this.sequence += 1 + this.random.below(8);
    this.volumeUnits += filled;
    this.lowTicks = Math.min(this.lowTicks, priceTicks);
    this.highTicks = Math.max(this.highTicks, priceTicks);
    const trade: TradeText = {
      tradeId: this.tradeId,
      sequence: this.sequence,
      makerOrderId: this.random.uuid(),
      takerOrderId: this.random.uuid(),
      makerSide: makerSide === ASK ? 'sell' : 'buy',
      price: this.price(priceTicks),
      size: formatFixed(filled, SIZE_DECIMALS),
      time,
    };
    lines.push(matchLine(this.format, trade));
    lines.push(
      tickerLine(this.format, trade, {
        open24h: this.price(this.openTicks),
        volume24h: formatFixed(this.baselineUnits + this.volumeUnits, SIZE_DECIMALS),
        low24h: this.price(this.lowTicks),
        high24h: this.price(this.highTicks),
        volume30d: formatFixed(30 * this.baselineUnits + this.volumeUnits, SIZE_DECIMALS),
        bestBid: this.price(this.book.ticks[BID][0]),
        bestAsk: this.price(this.book.ticks[ASK][0]),
      }),
    );
    lines.push(l2updateLine(this.format, this.changes, time));
  }

  /** A price in ticks, the unit of the book (fractional for the fair mid). */
  private ticks(price: number): number {
    return price * this.ticksPerUnitPrice;
  }

  private price(ticks: number): string {
    return formatFixed(ticks, this.format.priceDecimals);
  }
}

/**
 * Stage 1, keyed by product: drop duplicate messages, keep the order book, and emit a Tick with the
 * top of book after each event. Duplicates are counted (`input.duplicates`), not silently dropped.
 * Per-key order is the feed's arrival order on every engine, so the book evolves identically.
 *
 * The price a tick reports comes from the best source the data has: the book (after a snapshot); else the
 * latest ticker's bid/ask (with its sizes for the imbalance, when the feed sends them); else, with trades
 * only, the trade price; and candles become ticks of their own (candle-ticks.ts).
 */
import type { MarketEvent, TickerEvent } from '../../datasets/events.js';
import type { KeyedProcessFunction } from '../plan/index.js';
import { applyUpdate, type Book, bookFromSnapshot, imbalanceOf, midOf } from './book.js';
import { candleTicks } from './candle-ticks.js';
import { markSeen, type RecentIds } from './recent-ids.js';
import type { Tick } from './records.js';

/** The top of book a ticker gave, for products without a book. */
interface Quote {
  mid: number;
  imbalance: number;
}

function quoteOf(e: TickerEvent): Quote {
  const sizes = e.bidSize !== undefined && e.askSize !== undefined ? e.bidSize + e.askSize : 0;
  return {
    mid: e.bestAsk > e.bestBid ? (e.bestBid + e.bestAsk) / 2 : Number.NaN,
    imbalance: sizes > 0 ? (e.bidSize! - e.askSize!) / sizes : 0,
  };
}

export const bookProcess: KeyedProcessFunction<MarketEvent, Tick> = {
  processElement(e, ctx, out) {
    const state = ctx.state;
    let book = state.get<Book>('book');
    let tradePrice = 0;
    let tradeSize = 0;
    let fallback: Quote = { mid: Number.NaN, imbalance: 0 };
    switch (e.kind) {
      case 'snapshot':
        book = bookFromSnapshot(e);
        state.set('book', book);
        break;
      case 'book':
        if (book === undefined) {
          ctx.counters.inc('book.updateBeforeSnapshot');
          return;
        }
        applyUpdate(book, e);
        break;
      case 'trade': {
        if (!markSeen(seen(state, 'trades'), e.tradeId)) {
          ctx.counters.inc('input.duplicates');
          return;
        }
        tradePrice = e.price;
        tradeSize = e.size;
        fallback = state.get<Quote>('quote') ?? { mid: e.price, imbalance: 0 };
        break;
      }
      case 'ticker':
        if (!markSeen(seen(state, 'tickers'), e.sequence)) {
          ctx.counters.inc('input.duplicates');
          return;
        }
        if (book !== undefined) return; // the book already has the top of book
        fallback = quoteOf(e);
        if (fallback.mid > 0) state.set('quote', fallback);
        break;
      case 'candle':
        for (const tick of candleTicks(e)) out.collect(tick);
        return;
    }
    const mid = book === undefined ? fallback.mid : midOf(book);
    if (!(mid > 0)) {
      ctx.counters.inc('book.noMid'); // a side is empty or the book is crossed: no price to report
      return;
    }
    const imbalance = book === undefined ? fallback.imbalance : imbalanceOf(book);
    out.collect({ product: e.product, time: e.time, mid, imbalance, tradePrice, tradeSize });
  },
};

function seen(
  state: { get<T>(n: string): T | undefined; set<T>(n: string, v: T): void },
  name: string,
): RecentIds {
  let ids = state.get<RecentIds>(name);
  if (ids === undefined) {
    ids = { ids: [] };
    state.set(name, ids);
  }
  return ids;
}

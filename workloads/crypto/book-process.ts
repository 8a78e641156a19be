/**
 * Stage 1, keyed by product: drop duplicate messages, keep the order book, and emit a Tick with the
 * top of book after each event. Duplicates are counted (`input.duplicates`), not silently dropped.
 * Per-key order is the feed's arrival order on every engine, so the book evolves identically.
 */
import type { MarketEvent } from '../../datasets/events.js';
import type { KeyedProcessFunction } from '../plan/index.js';
import { applyUpdate, type Book, bookFromSnapshot, imbalanceOf, midOf } from './book.js';
import { markSeen, type RecentIds } from './recent-ids.js';
import type { Tick } from './records.js';

export const bookProcess: KeyedProcessFunction<MarketEvent, Tick> = {
  processElement(e, ctx, out) {
    const state = ctx.state;
    let book = state.get<Book>('book');
    let tradePrice = 0;
    let tradeSize = 0;
    let fallbackMid = Number.NaN;
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
        break;
      }
      case 'ticker':
        if (!markSeen(seen(state, 'tickers'), e.sequence)) {
          ctx.counters.inc('input.duplicates');
          return;
        }
        if (book !== undefined) return; // the book already has the top of book
        fallbackMid = (e.bestBid + e.bestAsk) / 2;
        break;
      case 'candle':
        fallbackMid = e.close;
        tradePrice = e.close;
        tradeSize = e.volume;
        break;
    }
    const mid = book === undefined ? fallbackMid : midOf(book);
    if (!(mid > 0)) {
      ctx.counters.inc('book.noMid'); // a side is empty or the book is crossed: no price to report
      return;
    }
    const imbalance = book === undefined ? 0 : imbalanceOf(book);
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

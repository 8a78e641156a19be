package flinkcoin.job.stages;

import flinkcoin.job.records.MarketEvent;
import flinkcoin.job.records.Tick;
import java.util.List;

/**
 * Stage 1's keyed state and logic (workloads/crypto/book-process.ts): drop duplicate trades and
 * tickers, keep the book, and turn each event into the Tick(s) of its top of book. A price comes from
 * the book after a snapshot, else the latest ticker's quote, else the trade price; candles become four
 * ticks (candle-ticks.ts). Returns the ticks to emit (empty when the event yields none).
 */
public class BookState {
  public Book book;
  public RecentIds trades = new RecentIds();
  public RecentIds tickers = new RecentIds();
  /** The last ticker's [mid, imbalance] for products without a book; null before one. */
  public double[] quote;

  public BookState() {}

  public List<Tick> process(MarketEvent e, Counters counters) {
    double tradePrice = 0;
    double tradeSize = 0;
    double fallbackMid = Double.NaN;
    double fallbackImbalance = 0;
    switch (e.kind) {
      case "snapshot":
        book = Book.fromSnapshot(e.bids, e.asks);
        break;
      case "book":
        if (book == null) {
          counters.inc("book.updateBeforeSnapshot");
          return List.of();
        }
        book.apply(e.changes);
        break;
      case "trade":
        if (!trades.markSeen(e.id)) {
          counters.inc("input.duplicates");
          return List.of();
        }
        tradePrice = e.price;
        tradeSize = e.size;
        if (quote != null) {
          fallbackMid = quote[0];
          fallbackImbalance = quote[1];
        } else {
          fallbackMid = e.price;
        }
        break;
      case "ticker": {
        if (!tickers.markSeen(e.id)) {
          counters.inc("input.duplicates");
          return List.of();
        }
        if (book != null) return List.of(); // the book already has the top of book
        boolean hasSizes = !Double.isNaN(e.bidSize) && !Double.isNaN(e.askSize);
        double sizes = hasSizes ? e.bidSize + e.askSize : 0;
        fallbackMid = e.bestAsk > e.bestBid ? (e.bestBid + e.bestAsk) / 2 : Double.NaN;
        fallbackImbalance = sizes > 0 ? (e.bidSize - e.askSize) / sizes : 0;
        if (fallbackMid > 0) quote = new double[] {fallbackMid, fallbackImbalance};
        break;
      }
      case "candle":
        return candleTicks(e);
      default:
        throw new IllegalArgumentException("unknown market event kind \"" + e.kind + "\"");
    }
    double mid = book == null ? fallbackMid : book.mid();
    if (!(mid > 0)) {
      counters.inc("book.noMid"); // a side is empty or the book is crossed: no price to report
      return List.of();
    }
    double imbalance = book == null ? fallbackImbalance : book.imbalance();
    return List.of(new Tick(e.product, e.time, mid, imbalance, tradePrice, tradeSize));
  }

  /** A candle's open, extremes and close in the order the price most likely took (candle-ticks.ts). */
  static List<Tick> candleTicks(MarketEvent c) {
    double[] path =
        c.close >= c.open
            ? new double[] {c.open, c.low, c.high, c.close}
            : new double[] {c.open, c.high, c.low, c.close};
    double typical = (c.high + c.low + c.close) / 3;
    Tick[] ticks = new Tick[4];
    for (int i = 0; i < 4; i++) {
      ticks[i] = new Tick(c.product, c.time, path[i], 0, i == 3 ? typical : 0, i == 3 ? c.volume : 0);
    }
    return List.of(ticks);
  }
}

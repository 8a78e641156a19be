package flinkcoin.job.stages;

import flinkcoin.job.records.Bar;
import flinkcoin.job.records.Tick;

/**
 * Stage 2's window accumulator (workloads/crypto/bars.ts): ticks are added in per-key arrival order,
 * so the float sums are bit-identical to the TypeScript engines'. It also keeps the latest input's
 * stamps (a window's result carries the stamps of its latest input, docs/contracts.md §2).
 */
public class BarAcc {
  public int ticks;
  public double open = Double.NaN;
  public double close = Double.NaN;
  public int trades;
  public double volume;
  public double notional;
  public double sumSqReturns;
  public double sumImbalance;
  public double createdAt = Double.NEGATIVE_INFINITY;
  public double ingestedAt = Double.NEGATIVE_INFINITY;

  public BarAcc() {}

  public BarAcc add(Tick t) {
    if (ticks == 0) open = t.mid;
    else if (t.mid != close) {
      double r = StrictMath.log(t.mid / close);
      sumSqReturns += r * r;
    }
    close = t.mid;
    ticks++;
    sumImbalance += t.imbalance;
    if (t.tradeSize > 0) {
      trades++;
      volume += t.tradeSize;
      notional += t.tradePrice * t.tradeSize;
    }
    createdAt = Math.max(createdAt, t.createdAt);
    ingestedAt = Math.max(ingestedAt, t.ingestedAt);
    return this;
  }

  public Bar result(String product, long start, long end) {
    Bar b = new Bar();
    b.product = product;
    b.start = start;
    b.end = end;
    b.open = open;
    b.close = close;
    b.ticks = ticks;
    b.trades = trades;
    b.volume = volume;
    b.vwap = volume > 0 ? notional / volume : close;
    b.realizedVol = Math.sqrt(sumSqReturns);
    b.imbalance = sumImbalance / ticks;
    b.createdAt = createdAt;
    b.ingestedAt = ingestedAt;
    return b;
  }
}

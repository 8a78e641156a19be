package flinkcoin.job.stages;

import flinkcoin.job.records.Bar;
import flinkcoin.job.records.FeatureVector;

/**
 * Stage 3 (workloads/crypto/features-process.ts): a Bar becomes a FeatureVector. The log return needs
 * the previous window's close (keyed state; a product's first window uses its own open). StrictMath is
 * fdlibm, the algorithm V8's Math.log and Math.log1p use, so results match the TypeScript bit for bit.
 */
public final class Features {
  private Features() {}

  /** `prevClose` is null for a product's first bar. */
  public static FeatureVector of(Bar bar, Double prevClose) {
    double prev = prevClose == null ? bar.open : prevClose;
    double logReturn = StrictMath.log(bar.close / prev);
    FeatureVector f = new FeatureVector();
    f.product = bar.product;
    f.start = bar.start;
    f.end = bar.end;
    f.mid = bar.close;
    f.logReturn = logReturn;
    f.x =
        new double[] {
          logReturn,
          bar.realizedVol,
          bar.imbalance,
          StrictMath.log1p(bar.trades),
          StrictMath.log1p(bar.volume),
          bar.vwap / bar.close - 1,
        };
    f.createdAt = bar.createdAt;
    f.ingestedAt = bar.ingestedAt;
    return f;
  }
}

package flinkcoin.job.records;

/** Model inputs for one product and window, and the window's realised return (records.ts `FeatureVector`). */
public class FeatureVector {
  public String product;
  public long start;
  public long end;
  public double mid;
  public double logReturn;
  /** In FEATURE_NAMES order: logReturn, realizedVol, imbalance, log1pTrades, log1pVolume, vwapGap. */
  public double[] x;
  public double createdAt;
  public double ingestedAt;

  public FeatureVector() {}
}

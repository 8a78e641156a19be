package flinkcoin.job.records;

/** One product's activity in one event-time window [start, end) (records.ts `Bar`). */
public class Bar {
  public String product;
  public long start;
  public long end;
  public double open;
  public double close;
  public int ticks;
  public int trades;
  public double volume;
  public double vwap;
  public double realizedVol;
  public double imbalance;
  public double createdAt;
  public double ingestedAt;

  public Bar() {}
}

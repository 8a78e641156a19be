package flinkcoin.job.records;

/** The top of one product's book after an event, plus the trade if it was one (records.ts `Tick`). */
public class Tick {
  public String product;
  public double time;
  public double mid;
  public double imbalance;
  public double tradePrice;
  public double tradeSize;
  public double createdAt;
  public double ingestedAt;

  public Tick() {}

  public Tick(String product, double time, double mid, double imbalance, double tradePrice, double tradeSize) {
    this.product = product;
    this.time = time;
    this.mid = mid;
    this.imbalance = imbalance;
    this.tradePrice = tradePrice;
    this.tradeSize = tradeSize;
  }
}

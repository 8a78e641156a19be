package flinkcoin.job.records;

/**
 * One market event, as datasets/events.ts defines it, flattened into a Flink POJO (public fields,
 * primitive arrays) so it crosses the keyBy exchange without Kryo. Optional TypeScript fields are NaN
 * when absent. `createdAt` (the driver's intended emission time) and `ingestedAt` (when this job's
 * Kafka source read it) are the harness's stamps, carried through every stage to the outputs.
 */
public class MarketEvent {
  public static final String END = "end";

  /** trade | book | snapshot | ticker | candle, or END: the adapter's end-of-input marker. */
  public String kind;
  public String product;
  /** Event time in ms, fractional where the feed has microseconds. */
  public double time;
  /** trade: tradeId; ticker: sequence (both dedupe keys). */
  public long id;
  public double price = Double.NaN;
  public double size;
  /** book: [side (1 bid, 0 ask), price, size] per change, flattened. */
  public double[] changes;
  /** snapshot: [price, size] per level, flattened. */
  public double[] bids;
  public double[] asks;
  public double bestBid;
  public double bestAsk;
  public double bidSize = Double.NaN;
  public double askSize = Double.NaN;
  public double intervalMs;
  public double open;
  public double high;
  public double low;
  public double close;
  public double volume;
  public double createdAt;
  public double ingestedAt;

  public MarketEvent() {}
}

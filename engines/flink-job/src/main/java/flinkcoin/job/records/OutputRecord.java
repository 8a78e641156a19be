package flinkcoin.job.records;

/**
 * One record for the output topic: which plan sink it belongs to (features, predictions, scored, or
 * END once every output before it was written), its deterministic id (`product@window`, as the plan's
 * `idOf`), the value already as JSON, its event time, and the harness's stamps.
 */
public class OutputRecord {
  public static final String END = "end";

  public String sink;
  public String id;
  public String json;
  public long ts;
  public double createdAt;
  public double ingestedAt;

  public OutputRecord() {}

  public OutputRecord(String sink, String id, String json, long ts, double createdAt, double ingestedAt) {
    this.sink = sink;
    this.id = id;
    this.json = json;
    this.ts = ts;
    this.createdAt = createdAt;
    this.ingestedAt = ingestedAt;
  }
}

package flinkcoin.job.records;

/** A forecast, made at the end of window `madeAt`, of window `target`'s log return (records.ts `Prediction`). */
public class Prediction {
  public String product;
  public long madeAt;
  public long target;
  public double predicted;
  public double persistence;
  public int modelAgeWindows;
  public double createdAt;
  public double ingestedAt;

  public Prediction() {}
}

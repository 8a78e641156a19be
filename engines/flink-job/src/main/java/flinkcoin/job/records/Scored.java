package flinkcoin.job.records;

/** A prediction joined with what the market then did (records.ts `Scored`). */
public class Scored {
  public String product;
  public long target;
  public double predicted;
  public double persistence;
  public double actual;
  public double createdAt;
  public double ingestedAt;

  public Scored() {}
}

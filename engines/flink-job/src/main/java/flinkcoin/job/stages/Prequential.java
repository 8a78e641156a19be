package flinkcoin.job.stages;

import flinkcoin.job.model.Model;
import flinkcoin.job.records.FeatureVector;
import flinkcoin.job.records.Prediction;

/**
 * Stage 4's logic (workloads/crypto/model-process.ts), shared by the Flink function and the tests:
 * learn the previous window's features against this window's return when the windows are contiguous,
 * then forecast the next window's return.
 */
public final class Prequential<S> {
  /** The previous window's inputs and end, as the TypeScript's `prev` state. */
  public static class Previous {
    public double[] x;
    public long end;

    public Previous() {}
  }

  private final Model<S> model;

  public Prequential(Model<S> model) {
    this.model = model;
  }

  /** Mutates `state` and `prev` (pass the same objects back next time) and returns the forecast. */
  public Prediction step(S state, Previous prev, FeatureVector f) {
    if (prev.x != null && prev.end == f.start) model.learn(state, prev.x, f.logReturn);
    prev.x = f.x;
    prev.end = f.end;
    Prediction p = new Prediction();
    p.product = f.product;
    p.madeAt = f.start;
    p.target = f.end;
    p.predicted = model.predict(state, f.x);
    p.persistence = f.logReturn;
    p.modelAgeWindows = model.ageWindows(state);
    p.createdAt = f.createdAt;
    p.ingestedAt = f.ingestedAt;
    return p;
  }
}

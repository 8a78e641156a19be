package flinkcoin.job.model;

import java.io.Serializable;

/**
 * A price-movement model (workloads/crypto/models/model.ts): its state S is plain data held in Flink
 * keyed state, one per product; the functions are pure apart from mutating it. Prequential: predict
 * from x_t, learn (x_{t-1}, y_t) once y_t is known.
 */
public interface Model<S> extends Serializable {
  String name();

  Class<S> stateClass();

  S init(int dims);

  void learn(S state, double[] x, double y);

  double predict(S state, double[] x);

  /** Windows learned since the parameters last changed (0 for a model that updates every window). */
  int ageWindows(S state);
}

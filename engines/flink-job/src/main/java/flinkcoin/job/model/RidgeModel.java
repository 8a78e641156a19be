package flinkcoin.job.model;

import java.util.ArrayList;

/**
 * The `linear` model (workloads/crypto/models/ridge.ts): ridge regression refit in closed form on a
 * sliding window of recent examples. Every `refitEvery` examples (once `minSamples` are held) it
 * standardises the features by the window's mean and population std, centres the target and solves
 * (ZᵀZ + λI)·w = Zᵀ(y − ȳ); the intercept is ȳ. Loops run in the TypeScript's order.
 */
public final class RidgeModel implements Model<RidgeModel.State> {
  /** Plain data in keyed state, as RidgeState. */
  public static class State {
    public ArrayList<double[]> xs = new ArrayList<>();
    public ArrayList<Double> ys = new ArrayList<>();
    public int sinceRefit;
    /** null before the first fit. */
    public double[] weights;
    public double intercept;
    public double[] mean;
    public double[] scale;

    public State() {}
  }

  private final int windowSize;
  private final int refitEvery;
  private final double lambda;
  private final int minSamples;

  public RidgeModel(int windowSize, int refitEvery, double lambda, int minSamples) {
    this.windowSize = windowSize;
    this.refitEvery = refitEvery;
    this.lambda = lambda;
    this.minSamples = minSamples;
  }

  @Override
  public String name() {
    return "linear";
  }

  @Override
  public Class<State> stateClass() {
    return State.class;
  }

  @Override
  public State init(int dims) {
    return new State();
  }

  @Override
  public void learn(State s, double[] x, double y) {
    s.xs.add(x.clone());
    s.ys.add(y);
    if (s.xs.size() > windowSize) {
      s.xs.remove(0);
      s.ys.remove(0);
    }
    s.sinceRefit++;
    if (s.xs.size() >= minSamples && (s.weights == null || s.sinceRefit >= refitEvery)) {
      refit(s);
      s.sinceRefit = 0;
    }
  }

  @Override
  public double predict(State s, double[] x) {
    if (s.weights == null) return 0;
    double y = s.intercept;
    for (int j = 0; j < x.length; j++) y += (s.weights[j] * (x[j] - s.mean[j])) / s.scale[j];
    return y;
  }

  @Override
  public int ageWindows(State s) {
    return s.sinceRefit;
  }

  private void refit(State s) {
    int n = s.xs.size();
    int d = s.xs.get(0).length;
    double[] mean = new double[d];
    for (double[] x : s.xs) for (int j = 0; j < d; j++) mean[j] += x[j];
    for (int j = 0; j < d; j++) mean[j] /= n;
    double[] scale = new double[d];
    for (double[] x : s.xs) {
      for (int j = 0; j < d; j++) {
        double c = x[j] - mean[j];
        scale[j] += c * c; // JavaScript's c ** 2 is fdlibm pow, which returns c * c for y = 2
      }
    }
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(scale[j] / n);
      scale[j] = sd == 0 || Double.isNaN(sd) ? 1 : sd; // `|| 1`
    }
    double yMean = 0;
    for (double y : s.ys) yMean += y;
    yMean /= n;
    double[][] a = new double[d][d];
    for (int j = 0; j < d; j++) a[j][j] = lambda;
    double[] b = new double[d];
    double[] z = new double[d];
    for (int i = 0; i < n; i++) {
      double[] x = s.xs.get(i);
      for (int j = 0; j < d; j++) z[j] = (x[j] - mean[j]) / scale[j];
      double yc = s.ys.get(i) - yMean;
      for (int j = 0; j < d; j++) {
        b[j] += z[j] * yc;
        for (int k = 0; k <= j; k++) a[j][k] += z[j] * z[k];
      }
    }
    for (int j = 0; j < d; j++) for (int k = j + 1; k < d; k++) a[j][k] = a[k][j];
    s.weights = Cholesky.solve(a, b);
    s.intercept = yMean;
    s.mean = mean;
    s.scale = scale;
  }
}

package flinkcoin.job.model;

/**
 * The `sgd` model (workloads/crypto/models/sgd.ts): River's StandardScaler | LinearRegression. The
 * scaler learns x by Welford, then one SGD step on the standardised z with the squared loss, its
 * gradient 2(ŷ − y) clipped to ±clipGradient: intercept −= interceptLr·g; w −= η_t·(g·z + l2·w), with
 * η_t constant or η/(t+1)^power (invscaling). Weights start at 0; it never goes stale (age 0).
 */
public final class SgdModel implements Model<SgdModel.State> {
  /** Plain data in keyed state, as SgdState with its RunningStats inlined. */
  public static class State {
    public int count;
    public double[] mean;
    /** Σ (x − mean)² per feature. */
    public double[] m2;
    public double[] weights;
    public double intercept;
    public int updates;

    public State() {}
  }

  private final boolean invscaling;
  private final double learningRate;
  private final double power;
  private final double interceptLr;
  private final double l2;
  private final double clipGradient;

  public SgdModel(
      String schedule, double learningRate, double power, double interceptLr, double l2, double clipGradient) {
    if (!schedule.equals("constant") && !schedule.equals("invscaling"))
      throw new IllegalArgumentException("sgd.schedule must be constant or invscaling, got " + schedule);
    this.invscaling = schedule.equals("invscaling");
    this.learningRate = learningRate;
    this.power = power;
    this.interceptLr = interceptLr;
    this.l2 = l2;
    this.clipGradient = clipGradient;
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public Class<State> stateClass() {
    return State.class;
  }

  @Override
  public State init(int dims) {
    State s = new State();
    s.mean = new double[dims];
    s.m2 = new double[dims];
    s.weights = new double[dims];
    return s;
  }

  @Override
  public void learn(State s, double[] x, double y) {
    observe(s, x);
    double[] z = standardise(s, x);
    double g = Math.min(clipGradient, Math.max(-clipGradient, 2 * (raw(s, z) - y)));
    s.intercept -= interceptLr * g;
    double eta = invscaling ? learningRate / StrictMath.pow(s.updates + 1, power) : learningRate;
    for (int j = 0; j < z.length; j++) s.weights[j] -= eta * (g * z[j] + l2 * s.weights[j]);
    s.updates++;
    boolean finite = Double.isFinite(s.intercept);
    for (double w : s.weights) finite &= Double.isFinite(w);
    if (!finite)
      throw new ArithmeticException(
          "sgd diverged after " + s.updates + " updates: lower learningRate or clipGradient");
  }

  @Override
  public double predict(State s, double[] x) {
    return raw(s, standardise(s, x));
  }

  @Override
  public int ageWindows(State s) {
    return 0;
  }

  private static double raw(State s, double[] z) {
    double y = s.intercept;
    for (int j = 0; j < z.length; j++) y += s.weights[j] * z[j];
    return y;
  }

  /** Welford's online mean and Σ(x − mean)² (models/running-stats.ts). */
  private static void observe(State s, double[] x) {
    s.count++;
    for (int j = 0; j < x.length; j++) {
      double delta = x[j] - s.mean[j];
      s.mean[j] += delta / s.count;
      s.m2[j] += delta * (x[j] - s.mean[j]);
    }
  }

  /** (x − mean) / population std per feature, 0 where the std is 0 (River's StandardScaler). */
  private static double[] standardise(State s, double[] x) {
    double[] z = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      double sd = s.count > 0 ? Math.sqrt(s.m2[j] / s.count) : 0;
      z[j] = sd > 0 ? (x[j] - s.mean[j]) / sd : 0;
    }
    return z;
  }
}

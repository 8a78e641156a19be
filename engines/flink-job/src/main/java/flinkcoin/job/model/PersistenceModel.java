package flinkcoin.job.model;

/** The random-walk baseline (models/persistence.ts): the next return equals the last one. */
public final class PersistenceModel implements Model<PersistenceModel.State> {
  /** No parameters: a marker so the model has a state class like the others. */
  public static class State {
    public State() {}
  }

  @Override
  public String name() {
    return "persistence";
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
  public void learn(State state, double[] x, double y) {}

  @Override
  public double predict(State state, double[] x) {
    return x[0];
  }

  @Override
  public int ageWindows(State state) {
    return 0;
  }
}

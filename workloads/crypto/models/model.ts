/**
 * The model interface every price-movement model implements. Its state is plain data held in keyed
 * state (one per product), so checkpoints capture it and a failure can damage it; the functions are
 * pure apart from mutating that state. Evaluation is prequential (test, then train): the workload
 * predicts from x_t, and learns (x_{t−1}, y_t) once y_t, the realised return, is known.
 */
export interface Model<S> {
  readonly name: string;
  /** A fresh state for `dims` inputs; `seed` makes any random initialisation reproducible. */
  init(dims: number, seed: number): S;
  /** Learns one labelled example. */
  learn(state: S, x: readonly number[], y: number): void;
  /** Forecasts the next window's log return from the current features. */
  predict(state: S, x: readonly number[]): number;
  /**
   * How stale the model that predicts now is: labelled windows learned since its parameters last
   * changed (0 for a model that updates on every window). Reported with each prediction.
   */
  ageWindows(state: S): number;
}

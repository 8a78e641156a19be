/**
 * Per-feature running mean and variance, learned online with Welford's algorithm (numerically stable
 * in one pass), as plain data so it lives in keyed state and checkpoints capture it. Standardising
 * follows River's `preprocessing.StandardScaler`: population variance, and 0 where a feature has not
 * varied yet (rather than a division by zero).
 */
export interface RunningStats {
  count: number;
  mean: number[];
  /** Σ (x − mean)², per feature. */
  m2: number[];
}

export function emptyStats(dims: number): RunningStats {
  return { count: 0, mean: new Array<number>(dims).fill(0), m2: new Array<number>(dims).fill(0) };
}

/** Folds one observation into the statistics. */
export function observe(s: RunningStats, x: readonly number[]): void {
  if (x.length !== s.mean.length) throw new RangeError(`expected ${s.mean.length} features, got ${x.length}`);
  s.count++;
  for (let j = 0; j < x.length; j++) {
    const delta = x[j] - s.mean[j];
    s.mean[j] += delta / s.count;
    s.m2[j] += delta * (x[j] - s.mean[j]);
  }
}

/** Population standard deviation of feature `j`; 0 before two distinct observations. */
export function stdOf(s: RunningStats, j: number): number {
  return s.count > 0 ? Math.sqrt(s.m2[j] / s.count) : 0;
}

/** (x − mean) / std per feature, 0 where the std is 0. */
export function standardise(s: RunningStats, x: readonly number[]): number[] {
  const z = new Array<number>(x.length);
  for (let j = 0; j < x.length; j++) {
    const sd = stdOf(s, j);
    z[j] = sd > 0 ? (x[j] - s.mean[j]) / sd : 0;
  }
  return z;
}

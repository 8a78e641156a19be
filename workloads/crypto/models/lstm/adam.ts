/**
 * Adam (Kingma & Ba 2015) over plain arrays, so that its moments live in keyed state beside the
 * weights: a model restored from a checkpoint then continues exactly as the one that was saved
 * (tfjs optimizers keep their moments in their own variables, readable only asynchronously).
 * Constants as `tf.train.adam`: β₁ 0.9, β₂ 0.999, ε 1e-7.
 */
export interface AdamState {
  /** First and second moment estimates, one per parameter. */
  m: number[];
  v: number[];
  /** Steps taken so far. */
  t: number;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

export function adamState(size: number): AdamState {
  return { m: new Array<number>(size).fill(0), v: new Array<number>(size).fill(0), t: 0 };
}

/** One Adam step: updates `params` in place from `gradient`. */
export function adamStep(
  params: number[],
  gradient: ArrayLike<number>,
  s: AdamState,
  learningRate: number,
): void {
  if (gradient.length !== params.length)
    throw new RangeError(`gradient has ${gradient.length} entries for ${params.length} parameters`);
  s.t++;
  const correction1 = 1 - BETA1 ** s.t;
  const correction2 = 1 - BETA2 ** s.t;
  for (let k = 0; k < params.length; k++) {
    const g = gradient[k];
    if (!Number.isFinite(g)) throw new RangeError(`non-finite gradient at parameter ${k} (step ${s.t})`);
    s.m[k] = BETA1 * s.m[k] + (1 - BETA1) * g;
    s.v[k] = BETA2 * s.v[k] + (1 - BETA2) * g * g;
    params[k] -= (learningRate * (s.m[k] / correction1)) / (Math.sqrt(s.v[k] / correction2) + EPSILON);
  }
}

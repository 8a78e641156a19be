/**
 * A seeded bootstrap confidence interval for the ratio of two medians (current / baseline), the way
 * criterion.rs estimates a change: resample each side's repetitions with replacement, take the ratio of
 * the resampled medians, and read the interval off the percentiles of those ratios. Medians rather than
 * means, because one repetition that a context switch or GC stretched must not move the estimate.
 * Seeded, so the same two results always get the same verdict.
 */
import { SeededRandom } from '../../datasets/generator/random.js';
import { median } from '../results/repetitions.js';

/** Resamples per interval: enough that the 2.5% and 97.5% percentiles settle to two digits. */
export const BOOTSTRAP_RESAMPLES = 2000;
export const BOOTSTRAP_SEED = 0x5eed;
export const CONFIDENCE = 0.95;

/** The point estimate and its confidence interval, all as current / baseline. */
export interface RatioEstimate {
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
}

/** Ratio of medians with a bootstrap interval; both sides need at least one finite, non-zero median. */
export function ratioOfMedians(baseline: readonly number[], current: readonly number[]): RatioEstimate {
  const ratio = (median(current) ?? Number.NaN) / (median(baseline) ?? Number.NaN);
  const random = new SeededRandom(BOOTSTRAP_SEED);
  const resample = (values: readonly number[]) => {
    const out = new Array<number>(values.length);
    for (let i = 0; i < values.length; i++) out[i] = values[random.below(values.length)];
    return median(out) ?? Number.NaN;
  };
  const ratios = new Float64Array(BOOTSTRAP_RESAMPLES);
  for (let i = 0; i < BOOTSTRAP_RESAMPLES; i++) ratios[i] = resample(current) / resample(baseline);
  ratios.sort();
  const tail = (1 - CONFIDENCE) / 2;
  const at = (q: number) => ratios[Math.min(BOOTSTRAP_RESAMPLES - 1, Math.floor(q * BOOTSTRAP_RESAMPLES))];
  return { ratio, low: at(tail), high: at(1 - tail) };
}

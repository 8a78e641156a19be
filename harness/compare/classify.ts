/**
 * The verdict on one figure: better, same, worse or noise, and whether it is a regression that fails.
 *
 * Deterministic figures must match: exactly for counts and digests, within a relative 1e-9 for the
 * floating-point accuracy figures (they are sums over identical outputs in a fixed order, so they are
 * bit-identical on one Node version; the tolerance only absorbs last-digit differences of Math functions
 * between V8 versions). Any worse deterministic figure fails.
 *
 * Timing figures follow criterion.rs: a change counts only if the bootstrap interval of the normalised
 * ratio excludes 1 ("same" otherwise); a significant change inside the noise band (asv's factor 1.1) is
 * "noise"; beyond it, "better" or "worse". A worse timing figure fails only when even the favourable end
 * of its interval is beyond the fail ratio, so shared-runner noise cannot fail a build by itself.
 */
import { ratioOfMedians } from './bootstrap.js';
import type { DeterministicFigure, TimingFigure } from './figures.js';

export type Verdict = 'better' | 'same' | 'worse' | 'noise';

/** The thresholds a comparison applies; they are printed with every comparison. */
export interface Thresholds {
  /** Relative tolerance of deterministic floating-point figures. */
  readonly tolerance: number;
  /** Changes within ×(1 ± noise) are noise (asv's default factor 1.1). */
  readonly noise: number;
  /** A timing figure fails when its slowdown is at least this, at the favourable end of its interval. */
  readonly timingFailRatio: number;
  /** Below this many repetitions a side, no interval: only changes beyond the fail ratio count. */
  readonly minRepetitions: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  tolerance: 1e-9,
  noise: 0.1,
  timingFailRatio: 1.1,
  minRepetitions: 3,
};

export interface FigureVerdict {
  readonly verdict: Verdict;
  readonly regression: boolean;
  /** Timing only: normalised current / baseline, and its interval (null without enough repetitions). */
  readonly ratio?: number;
  readonly interval?: readonly [number, number] | null;
  readonly note?: string;
}

/** Judges a deterministic figure: `values` are the current repetitions' values, which must agree. */
export function classifyDeterministic(
  figure: DeterministicFigure,
  baseline: number | string | null,
  values: readonly (number | string | null)[],
  thresholds: Thresholds,
): FigureVerdict {
  const current = values[0] ?? null;
  if (values.some((v) => !matches(v, current, thresholds.tolerance))) {
    return { verdict: 'worse', regression: true, note: 'repetitions disagree: the run is not deterministic' };
  }
  if (matches(current, baseline, thresholds.tolerance)) return { verdict: 'same', regression: false };
  const improved =
    typeof current === 'number' &&
    typeof baseline === 'number' &&
    ((figure.direction === 'lower' && current < baseline) ||
      (figure.direction === 'higher' && current > baseline));
  return improved
    ? { verdict: 'better', regression: false }
    : { verdict: 'worse', regression: true, note: figure.direction === 'exact' ? 'changed' : undefined };
}

function matches(a: number | string | null, b: number | string | null, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/**
 * Judges a timing figure from both sides' repetitions. `scale` turns a raw current / baseline ratio into
 * a machine-independent one (see `machineScale`); 1 when there is no calibration to go by.
 */
export function classifyTiming(
  figure: TimingFigure,
  baseline: readonly number[],
  current: readonly number[],
  scale: number,
  thresholds: Thresholds,
): FigureVerdict {
  const usable = (values: readonly number[]) => values.filter((v) => Number.isFinite(v) && v > 0);
  const [b, c] = [usable(baseline), usable(current)];
  if (b.length === 0 || c.length === 0) {
    const same = b.length === c.length;
    return { verdict: same ? 'same' : 'noise', regression: false, note: 'no positive values to compare' };
  }
  const estimate = ratioOfMedians(b, c);
  // Slowdown > 1 is worse whichever way the figure improves.
  const slowdown = (r: number) => (figure.direction === 'lower' ? r * scale : 1 / (r * scale));
  const ratio = estimate.ratio * scale;
  const s = slowdown(estimate.ratio);
  const withinNoise = Math.abs(Math.log(s)) <= Math.log(1 + thresholds.noise);
  if (Math.min(b.length, c.length) < thresholds.minRepetitions) {
    // No interval to go by: within the noise band is the same, beyond the fail ratio counts, between is noise.
    const beyond = s >= thresholds.timingFailRatio || s <= 1 / thresholds.timingFailRatio;
    const verdict: Verdict = withinNoise ? 'same' : !beyond ? 'noise' : s > 1 ? 'worse' : 'better';
    const note =
      verdict === 'same' ? undefined : `no interval: fewer than ${thresholds.minRepetitions} repetitions`;
    return { verdict, regression: verdict === 'worse', ratio, interval: null, note };
  }
  const [sLow, sHigh] = [slowdown(estimate.low), slowdown(estimate.high)].sort((x, y) => x - y);
  const interval = [estimate.low * scale, estimate.high * scale] as const;
  if (sLow <= 1 && sHigh >= 1) return { verdict: 'same', regression: false, ratio, interval };
  if (withinNoise) return { verdict: 'noise', regression: false, ratio, interval };
  if (s < 1) return { verdict: 'better', regression: false, ratio, interval };
  const regression = sLow >= thresholds.timingFailRatio;
  const note = regression ? undefined : `not confidently beyond ×${thresholds.timingFailRatio}`;
  return { verdict: 'worse', regression, ratio, interval, note };
}

/**
 * The factor that makes a current / baseline ratio machine-independent, from `calibrationRatio` (current
 * calibration time over the baseline's: 2 = the current machine took twice as long). Time figures are
 * divided by it, rate figures multiplied, memory left alone. A rate of a paced run is the driver's rate
 * as long as the engine keeps up, not the machine's, so it is left alone too.
 */
export function machineScale(figure: TimingFigure, calibrationRatio: number, paced: boolean): number {
  if (figure.scaling === 'time') return 1 / calibrationRatio;
  if (figure.scaling === 'rate' && !paced) return calibrationRatio;
  return 1;
}

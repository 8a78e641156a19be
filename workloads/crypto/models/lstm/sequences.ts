/**
 * Turns the model's recent history (raw feature vectors and their labels, oldest first) into the
 * standardised, flattened [batch, steps, dims] arrays the network takes. Standardisation uses the
 * statistics as they are now, for training and prediction alike.
 */
import { type RunningStats, standardise, stdOf } from '../running-stats.js';

/** Labels are standardised too, so the network fits values of order 1 whatever the returns' scale. */
export function labelScale(yStats: RunningStats): { mean: number; scale: number } {
  const sd = stdOf(yStats, 0);
  return { mean: yStats.mean[0], scale: sd > 0 ? sd : 1 };
}

/** Flattened standardised sequences; a sequence shorter than `steps` is left-padded with zeros (the mean). */
export function flatten(
  sequences: readonly (readonly (readonly number[])[])[],
  steps: number,
  stats: RunningStats,
): Float32Array {
  const dims = stats.mean.length;
  const out = new Float32Array(sequences.length * steps * dims);
  for (const [b, seq] of sequences.entries()) {
    if (seq.length > steps) throw new RangeError(`sequence of ${seq.length} exceeds ${steps} steps`);
    const pad = steps - seq.length;
    for (const [t, x] of seq.entries()) out.set(standardise(stats, x), (b * steps + pad + t) * dims);
  }
  return out;
}

/** Every full window of `steps` consecutive inputs in the history, with the label of its last input. */
export function trainingExamples(
  inputs: readonly (readonly number[])[],
  labels: readonly number[],
  steps: number,
): { sequences: (readonly number[])[][]; targets: number[] } {
  const sequences: (readonly number[])[][] = [];
  const targets: number[] = [];
  for (let end = steps; end <= inputs.length; end++) {
    sequences.push(inputs.slice(end - steps, end));
    targets.push(labels[end - 1]);
  }
  return { sequences, targets };
}

/** The sequence that forecasts from `x`: the last `steps − 1` learned inputs, then `x`. */
export function sequenceEndingAt(
  inputs: readonly (readonly number[])[],
  x: readonly number[],
  steps: number,
): (readonly number[])[] {
  return [...inputs.slice(Math.max(0, inputs.length - (steps - 1))), x];
}

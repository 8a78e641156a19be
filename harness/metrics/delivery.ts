/**
 * Delivery of the workload's outputs, checked against what the plan must produce: every feature window
 * yields one prediction (for the next window), and every prediction whose next window exists yields one
 * scored record. What an engine never produced, or produced more than once, is counted here rather than
 * hidden in the accuracy figures (an at-least-once replay shows up as duplicates, a lost record as missing).
 */
import type { FeatureVector, Prediction, Scored } from '../../workloads/crypto/records.js';
import type { Delivery } from '../results/schema.js';

interface Output<T> {
  readonly id: string;
  readonly value: T;
}

export function deliveryOf(
  features: readonly Output<FeatureVector>[],
  predictions: readonly Output<Prediction>[],
  scored: readonly Output<Scored>[],
): Delivery {
  const featureIds = new Set(features.map((f) => f.id));
  const predictionIds = new Set(predictions.map((p) => p.id));
  const scoredIds = new Set(scored.map((s) => s.id));
  // A prediction for window `end` is due for every feature window; its id is product@end.
  const expectedPredictions = new Set(features.map((f) => `${f.value.product}@${f.value.end}`));
  // A prediction can be scored once its target window has features (the realised return).
  const scorable = [...predictionIds].filter((id) => featureIds.has(id));
  return {
    predictionsMissing: [...expectedPredictions].filter((id) => !predictionIds.has(id)).length,
    predictionsDuplicated: predictions.length - predictionIds.size,
    scoredMissing: scorable.filter((id) => !scoredIds.has(id)).length,
    scoredDuplicated: scored.length - scoredIds.size,
  };
}

/**
 * Accuracy of the scored predictions, computed once at the end from the records sorted by id, so the
 * figures are bit-identical whatever order an engine delivered them in.
 *
 *   RMSE, MAE               over all scored predictions
 *   directional accuracy    share of non-zero outcomes whose sign the prediction matched, with a
 *                           Wilson 95% interval (a binomial proportion: is it really above 50%?)
 *   skill                   1 − RMSE(model) / RMSE(baseline), for the persistence and zero baselines
 * A prediction delivered twice (an at-least-once replay) is scored once, on its first delivery, as a
 * consumer acting on it would have; the repeats are counted, not hidden.
 */
import type { Scored } from '../../workloads/crypto/records.js';
import type { Accuracy, ErrorFigures } from '../results/schema.js';

const ROLLING_WINDOW = 100;

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

export function accuracyOf(scored: readonly Scored[]): Accuracy {
  const first = new Map<string, Scored>();
  for (const s of scored) {
    const id = `${s.product}@${s.target}`;
    if (!first.has(id)) first.set(id, s);
  }
  const sorted = [...first.values()].sort((a, b) => a.target - b.target || (a.product < b.product ? -1 : 1));
  const model = errorFigures(sorted, (s) => s.predicted);
  const persistence = errorFigures(sorted, (s) => s.persistence);
  const zero = errorFigures(sorted, () => 0);
  return {
    model,
    baselines: { persistence, zero },
    skillVsPersistence: skill(model, persistence),
    skillVsZero: skill(model, zero),
    duplicates: scored.length - first.size,
    rollingRmse: rolling(sorted),
  };
}

export function errorFigures(rows: readonly Scored[], predict: (s: Scored) => number): ErrorFigures {
  if (rows.length === 0)
    return {
      count: 0,
      rmse: null,
      mae: null,
      directionalAccuracy: null,
      moves: 0,
      directionalInterval95: null,
    };
  let se = 0;
  let ae = 0;
  let moves = 0;
  let hits = 0;
  for (const s of rows) {
    const p = predict(s);
    const e = p - s.actual;
    se += e * e;
    ae += Math.abs(e);
    if (s.actual !== 0) {
      moves++;
      if (Math.sign(p) === Math.sign(s.actual)) hits++;
    }
  }
  return {
    count: rows.length,
    rmse: Math.sqrt(se / rows.length),
    mae: ae / rows.length,
    directionalAccuracy: moves === 0 ? null : hits / moves,
    moves,
    directionalInterval95: moves === 0 ? null : wilson(hits, moves),
  };
}

/** Wilson score interval for `hits` successes in `n` trials (sound near 0 and 1, unlike p ± z·se). */
export function wilson(hits: number, n: number): [number, number] {
  const p = hits / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function skill(model: ErrorFigures, baseline: ErrorFigures): number | null {
  if (model.rmse === null || baseline.rmse === null || baseline.rmse === 0) return null;
  return 1 - model.rmse / baseline.rmse;
}

/** Rolling RMSE of the model over the last ROLLING_WINDOW predictions, one point per target window. */
function rolling(sorted: readonly Scored[]): [number, number][] {
  const points: [number, number][] = [];
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i].predicted - sorted[i].actual;
    sum += e * e;
    if (i >= ROLLING_WINDOW) {
      const old = sorted[i - ROLLING_WINDOW].predicted - sorted[i - ROLLING_WINDOW].actual;
      sum -= old * old;
    }
    const last = i === sorted.length - 1 || sorted[i + 1].target !== sorted[i].target;
    if (last && i >= ROLLING_WINDOW - 1)
      points.push([sorted[i].target, Math.sqrt(Math.max(0, sum) / ROLLING_WINDOW)]);
  }
  return points;
}

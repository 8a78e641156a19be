/**
 * Accuracy of the scored predictions, computed once at the end from the records sorted by id, so the
 * figures are bit-identical whatever order an engine delivered them in.
 *
 *   RMSE, MAE               over all scored predictions
 *   directional accuracy    share of non-zero outcomes whose sign the prediction matched
 *   skill                   1 − RMSE(model) / RMSE(baseline), for the persistence and zero baselines
 */
import type { Scored } from '../../workloads/crypto/records.js';
import type { Accuracy, ErrorFigures } from '../results/schema.js';

const ROLLING_WINDOW = 100;

export function accuracyOf(scored: readonly Scored[]): Accuracy {
  const sorted = [...scored].sort((a, b) => a.target - b.target || (a.product < b.product ? -1 : 1));
  const model = errorFigures(sorted, (s) => s.predicted);
  const persistence = errorFigures(sorted, (s) => s.persistence);
  const zero = errorFigures(sorted, () => 0);
  return {
    model,
    baselines: { persistence, zero },
    skillVsPersistence: skill(model, persistence),
    skillVsZero: skill(model, zero),
    rollingRmse: rolling(sorted),
  };
}

function errorFigures(rows: readonly Scored[], predict: (s: Scored) => number): ErrorFigures {
  if (rows.length === 0) return { count: 0, rmse: null, mae: null, directionalAccuracy: null };
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
  };
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

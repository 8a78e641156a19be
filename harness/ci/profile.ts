/**
 * The CI benchmark profile (`npm run bench:ci`): short, deterministic, and sensitive to per-record cost.
 * Every registered engine runs the linear model on 40,000 generated messages, unpaced and without
 * warm-up, 5 times in fresh processes (interleaved). Unpaced, every timing figure is CPU-bound
 * (CPU time, wall time, latency under a full queue), so added per-record work shows up and the calibration
 * loop's normalisation holds; 40,000 messages give 381 scored predictions, enough for the accuracy
 * figures to move when the model does. Measured on the 2-core CI machine class with 4 engines: 42, 55 and
 * 63 s (median 55 s; the machine was shared), well inside the 2-minute budget.
 */

import { DEFAULT_THRESHOLDS, type Thresholds } from '../compare/classify.js';
import { RunConfig } from '../config/schema.js';

export const CI_MESSAGES = 40_000;
export const CI_REPEAT = 5;
export const CI_BASELINE = 'baselines/ci.json';
export const CI_HISTORY = 'history';
export const CI_OUT = 'results/ci';

/**
 * Deterministic figures fail at any change (their tolerance is for V8's last digits); timing figures
 * fail only when the whole 95% interval of the calibrated slowdown is beyond 2×. Shared 2-core runners
 * swing ±10–20% run to run and up to 1.5× in outliers (github-action-benchmark's README; Quansight's
 * asv-on-Actions measurements), so a tighter band would flap; 2× is github-action-benchmark's default
 * alert threshold. Changes between ±10% and 2× are shown as worse or better, and do not fail.
 */
export const CI_THRESHOLDS: Thresholds = { ...DEFAULT_THRESHOLDS, timingFailRatio: 2 };

/** The CI run's configuration: every registered engine, the linear model, unpaced, no warm-up. */
export function ciConfig(outDir: string): RunConfig {
  return RunConfig.parse({
    models: ['linear'],
    data: { generator: { messages: CI_MESSAGES } },
    driver: { pacing: 'unpaced', warmupMs: 0 },
    outDir,
  });
}

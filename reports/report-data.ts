/**
 * Everything one report is rendered from: the results (one file or several merged), and optionally the
 * comparison with a baseline and the history of earlier results. Charts and sections take this, so a
 * chart that needs the history (the trend) is listed like any other.
 */
import type { Comparison } from '../harness/compare/compare.js';
import type { HistoryEntry } from '../harness/history/schema.js';
import type { ReportInput } from './runs.js';

export interface ReportData {
  readonly results: ReportInput;
  /** Present when the report was asked to compare with a baseline: the regression section. */
  readonly comparison?: Comparison;
  /** Earlier results, oldest first (empty when no history folder was given): the trend section. */
  readonly history: readonly HistoryEntry[];
}

/** What the report writer accepts besides the results. */
export interface ReportExtras {
  readonly comparison?: Comparison;
  readonly history?: readonly HistoryEntry[];
}

export function reportData(results: ReportInput, extras: ReportExtras = {}): ReportData {
  return { results, comparison: extras.comparison, history: extras.history ?? [] };
}

/**
 * What the report needs to show a chart: a stable id, a heading, a one-line caption saying what to
 * look at, and the Vega-Lite spec with its data inlined (so the page needs no data files or network).
 * Helpers shared by the chart specs keep every chart the same size and every run the same colour.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../report-data.js';

export interface ReportChart {
  /** Used in element ids and to find the chart's spec in the page; lowercase letters and dashes. */
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly spec: (data: ReportData) => TopLevelSpec;
  /** The page section the chart goes in (default `charts`); the trend has its own, after the run's charts. */
  readonly section?: 'charts' | 'trend';
  /** Whether the data has anything for this chart (default: always); charts that do not apply are left out. */
  readonly appliesTo?: (data: ReportData) => boolean;
}

/** The spec header every chart shares: schema, size, fonts the reader already has. */
export function baseSpec(description: string) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    width: 760,
    height: 300,
    config: { font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', view: { stroke: null } },
  } as const;
}

/**
 * The colour channel, keyed on the run label with an explicit domain: the same run keeps the same
 * colour in every chart, even when a chart has no points for some runs.
 */
export function runColour(labels: readonly string[]) {
  return {
    field: 'run',
    type: 'nominal',
    title: 'Run',
    scale: { domain: [...labels] },
    legend: { orient: 'right', labelLimit: 320 },
  } as const;
}

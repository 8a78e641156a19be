/** The report's charts in page order: add a chart file and list it here to put it in the report. */
import type { ReportInput } from '../runs.js';
import { rollingRmseChart } from './accuracy.js';
import type { ReportChart } from './chart.js';
import { latencyCdfChart } from './latency-cdf.js';
import { sweepChart } from './sweep.js';
import { throughputChart } from './throughput.js';

export const REPORT_CHARTS: readonly ReportChart[] = [
  latencyCdfChart,
  throughputChart,
  rollingRmseChart,
  sweepChart,
];

/** The charts that apply to this input, in page order. */
export function chartsFor(input: ReportInput): readonly ReportChart[] {
  return REPORT_CHARTS.filter((chart) => chart.appliesTo?.(input) ?? true);
}

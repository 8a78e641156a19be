/** The report's charts in page order: add a chart file and list it here to put it in the report. */
import type { ReportData } from '../report-data.js';
import { rollingRmseChart } from './accuracy.js';
import type { ReportChart } from './chart.js';
import { eventLatencyCdfChart, latencyCdfChart } from './latency-cdf.js';
import { latencyTimelineChart } from './latency-timeline.js';
import { recoveryChart } from './recovery-timeline.js';
import { stalenessChart } from './staleness.js';
import { sweepChart } from './sweep.js';
import { throughputChart } from './throughput.js';
import { trendChart } from './trend.js';

export const REPORT_CHARTS: readonly ReportChart[] = [
  latencyCdfChart,
  eventLatencyCdfChart,
  throughputChart,
  latencyTimelineChart,
  sweepChart,
  rollingRmseChart,
  stalenessChart,
  recoveryChart,
  trendChart,
];

/** The charts that apply to this report, in page order. */
export function chartsFor(data: ReportData): readonly ReportChart[] {
  return REPORT_CHARTS.filter((chart) => chart.appliesTo?.(data) ?? true);
}

/** The report's charts in page order: add a chart file and list it here to put it in the report. */
import { rollingRmseChart } from './accuracy.js';
import type { ReportChart } from './chart.js';
import { latencyCdfChart } from './latency-cdf.js';
import { throughputChart } from './throughput.js';

export const REPORT_CHARTS: readonly ReportChart[] = [latencyCdfChart, throughputChart, rollingRmseChart];

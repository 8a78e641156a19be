/**
 * Processing-time latency CDF per run, on a log x-axis: medians and tails of runs that differ by orders
 * of magnitude (a micro-batch engine against a record-at-a-time one) stay readable on one chart.
 */
import type { TopLevelSpec } from 'vega-lite';
import { completedRuns, type ReportInput } from '../runs.js';
import { baseSpec, type ReportChart, runColour } from './chart.js';

/** The CDF points of every completed run; zero latencies are dropped because a log axis cannot show them. */
export function latencyCdfSpec(input: ReportInput): TopLevelSpec {
  const runs = completedRuns(input);
  const values = runs.flatMap(({ label, run }) =>
    run.timing.latency.processingTime.cdf
      .filter(([latencyMs]) => latencyMs > 0)
      .map(([latencyMs, fraction]) => ({ run: label, latencyMs, fraction })),
  );
  return {
    ...baseSpec('Processing-time latency CDF per engine × model'),
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'latencyMs',
        type: 'quantitative',
        scale: { type: 'log' },
        axis: { tickCount: 5, format: '~g' },
        title: 'Processing-time latency (ms, log scale)',
      },
      y: {
        field: 'fraction',
        type: 'quantitative',
        scale: { domain: [0, 1] },
        axis: { format: '%' },
        title: 'Share of outputs at or below',
      },
      color: runColour(runs.map((r) => r.label)),
      tooltip: [
        { field: 'run', title: 'Run' },
        { field: 'latencyMs', type: 'quantitative', title: 'Latency (ms)', format: ',.3~f' },
        { field: 'fraction', type: 'quantitative', title: 'At or below', format: '.2~%' },
      ],
    },
  };
}

export const latencyCdfChart: ReportChart = {
  id: 'latency-cdf',
  title: 'Processing-time latency distribution',
  caption:
    'Curves further left are faster; compare where each curve reaches the top, which is its tail (p99 and beyond).',
  spec: latencyCdfSpec,
};

/**
 * Latency CDFs per run on a log x-axis, one chart per latency kind: medians and tails of runs that differ
 * by orders of magnitude (a micro-batch engine against a record-at-a-time one) stay readable on one chart.
 * With repetitions, a run's curve is drawn from their histograms merged.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CompletedRun, LatencySummary } from '../../harness/results/schema.js';
import { mergedCdf } from '../merge-latency.js';
import type { ReportData } from '../report-data.js';
import { completedRuns } from '../runs.js';
import { baseSpec, type ReportChart, runColour } from './chart.js';

type LatencyKind = 'processingTime' | 'eventTime';

const NAMES: Record<LatencyKind, string> = { processingTime: 'Processing-time', eventTime: 'Event-time' };

function summaryOf(run: CompletedRun, kind: LatencyKind): LatencySummary | null {
  return run.timing.latency[kind];
}

/** The CDF points of every run that has this kind; zero latencies are dropped (a log axis cannot show them). */
export function latencyCdfSpec(data: ReportData, kind: LatencyKind): TopLevelSpec {
  const runs = completedRuns(data.results).filter(({ run }) => summaryOf(run, kind) !== null);
  const values = runs.flatMap(({ label, repetitions }) =>
    mergedCdf(repetitions.flatMap((r) => summaryOf(r, kind) ?? []))
      .filter(([latencyMs]) => latencyMs > 0)
      .map(([latencyMs, fraction]) => ({ run: label, latencyMs, fraction })),
  );
  return {
    ...baseSpec(`${NAMES[kind]} latency CDF per engine × model`),
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'latencyMs',
        type: 'quantitative',
        scale: { type: 'log' },
        axis: { tickCount: 5, format: '~g' },
        title: `${NAMES[kind]} latency (ms, log scale)`,
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
  spec: (data) => latencyCdfSpec(data, 'processingTime'),
};

export const eventLatencyCdfChart: ReportChart = {
  id: 'event-latency-cdf',
  title: 'Event-time latency distribution',
  caption:
    'Includes queueing before the engine took each event: a curve far right of its processing-time twin means the engine fell behind the driver.',
  spec: (data) => latencyCdfSpec(data, 'eventTime'),
  appliesTo: (data) => completedRuns(data.results).some(({ run }) => run.timing.latency.eventTime !== null),
};

/**
 * What each run delivered too late or more than once: predictions that arrived after the window they
 * forecast had ended (stale, useless to a trader), scored predictions delivered twice (an at-least-once
 * replay), and input events dropped as late by the windows. Counts are medians across repetitions.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CompletedRun } from '../../harness/results/schema.js';
import type { ReportData } from '../report-data.js';
import { completedRuns, median } from '../runs.js';
import { baseSpec, type ReportChart } from './chart.js';

const COUNTS: readonly [string, (run: CompletedRun) => number | null][] = [
  [
    'stale predictions',
    (r) => (r.timing.timeliness ? r.timing.timeliness.scored - r.timing.timeliness.actionable : null),
  ],
  ['delivered twice', (r) => r.deterministic.accuracy.duplicates ?? null],
  ['late events dropped', (r) => r.counters['window.lateDropped'] ?? null],
];

/** One bar per run × count that the run has. */
export function stalenessValues(data: ReportData) {
  return completedRuns(data.results).flatMap(({ label, repetitions }) =>
    COUNTS.flatMap(([kind, of]) => {
      const count = median(repetitions.map(of));
      return count === null ? [] : [{ run: label, kind, count }];
    }),
  );
}

export function stalenessSpec(data: ReportData): TopLevelSpec {
  const values = stalenessValues(data);
  return {
    ...baseSpec('Stale predictions, duplicate deliveries and late-dropped events per engine × model'),
    height: { step: 12 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'run', type: 'nominal', title: null, sort: null },
      yOffset: { field: 'kind', type: 'nominal', sort: COUNTS.map(([k]) => k) },
      x: { field: 'count', type: 'quantitative', title: 'Count (median across repetitions)' },
      color: {
        field: 'kind',
        type: 'nominal',
        title: 'Count of',
        scale: { domain: COUNTS.map(([k]) => k) },
        legend: { orient: 'right' },
      },
      tooltip: [
        { field: 'run', title: 'Run' },
        { field: 'kind', title: 'Count of' },
        { field: 'count', type: 'quantitative', title: 'Count', format: ',.0f' },
      ],
    },
  } as TopLevelSpec;
}

export const stalenessChart: ReportChart = {
  id: 'staleness',
  title: 'Stale and duplicate deliveries',
  caption:
    'Shorter bars are better: a stale prediction came after its window ended, a duplicate means an at-least-once replay, a late drop lost input.',
  spec: stalenessSpec,
  appliesTo: (data) => stalenessValues(data).length > 0,
};

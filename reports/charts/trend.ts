/**
 * The trend over commits, like asv's per-benchmark graphs: a few headline figures of every engine × model
 * from the history folder (one entry per commit, oldest first), each in its own panel with its own
 * scale, and the calibration loop's time so that a step that every engine shares can be told apart as
 * a machine change. Only in reports given a history.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../report-data.js';
import { baseSpec, type ReportChart } from './chart.js';

/** The figures drawn, by history key, with the panel titles. */
export const TREND_FIGURES: readonly [string, string][] = [
  ['throughput', 'Throughput (events/s)'],
  ['latency.processingTime.p99', 'Processing-time p99 (ms)'],
  ['cpuMs', 'CPU time (ms)'],
  ['accuracy.rmse', 'RMSE'],
];
const CALIBRATION = 'Calibration loop (ms)';

/** One point per entry × engine × model × figure, plus the entry's calibration. */
export function trendValues(data: ReportData) {
  return data.history.flatMap((entry, order) => {
    const commit = `${order + 1}: ${entry.commit?.slice(0, 7) ?? entry.runId}${entry.dirty ? '+' : ''}`;
    const common = { order, commit, date: entry.date, machine: entry.machine };
    const figures = entry.groups.flatMap((g) =>
      TREND_FIGURES.flatMap(([key, figure]) => {
        const value = g.figures[key];
        return value === null || value === undefined
          ? []
          : [{ ...common, run: `${g.engine} × ${g.model}`, figure, value }];
      }),
    );
    const calibration =
      entry.calibrationMs === null
        ? []
        : [{ ...common, run: 'calibration', figure: CALIBRATION, value: entry.calibrationMs }];
    return [...figures, ...calibration];
  });
}

export function trendSpec(data: ReportData): TopLevelSpec {
  const { width, ...base } = baseSpec(
    'Headline figures of every engine × model over commits, from the history',
  );
  return {
    ...base,
    data: { values: trendValues(data) },
    facet: {
      row: {
        field: 'figure',
        type: 'nominal',
        title: null,
        sort: [...TREND_FIGURES.map(([, title]) => title), CALIBRATION],
        header: {
          labelAngle: 0,
          labelAlign: 'left',
          labelAnchor: 'start',
          labelOrient: 'top',
          labelFontWeight: 600,
        },
      },
    },
    spec: {
      width,
      height: 140,
      mark: { type: 'line', point: true },
      encoding: {
        x: {
          field: 'commit',
          type: 'ordinal',
          sort: { field: 'order', op: 'min' },
          title: 'Commit (oldest first; + = uncommitted changes)',
          axis: { labelAngle: -40 },
        },
        y: {
          field: 'value',
          type: 'quantitative',
          title: null,
          scale: { zero: false },
          axis: { format: '~s' },
        },
        color: { field: 'run', type: 'nominal', title: 'Run', legend: { orient: 'right', labelLimit: 320 } },
        tooltip: [
          { field: 'run', title: 'Run' },
          { field: 'commit', title: 'Commit' },
          { field: 'date', title: 'Date' },
          { field: 'value', type: 'quantitative', title: 'Value', format: ',.4~g' },
          { field: 'machine', title: 'Machine' },
        ],
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}

export const trendChart: ReportChart = {
  id: 'trend',
  title: 'Headline figures by commit',
  caption:
    'Look for steps: one engine stepping alone is a code change to it; every line and the calibration stepping together is a machine change.',
  spec: trendSpec,
  section: 'trend',
  appliesTo: (data) => data.history.length > 0,
};

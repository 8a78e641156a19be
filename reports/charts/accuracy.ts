/**
 * Rolling RMSE of each run's predictions over event time. Accuracy is deterministic, so the same model
 * must draw the same line on every engine: the chart doubles as a visual correctness check.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../report-data.js';
import { completedRuns } from '../runs.js';
import { baseSpec, type ReportChart, runColour } from './chart.js';

/** One point per target window: its event time (UTC) and the model's rolling RMSE there. */
export function rollingRmseSpec(data: ReportData): TopLevelSpec {
  const runs = completedRuns(data.results);
  const values = runs.flatMap(({ label, run }) =>
    run.deterministic.accuracy.rollingRmse.map(([eventTime, rmse]) => ({ run: label, eventTime, rmse })),
  );
  return {
    ...baseSpec('Rolling RMSE of the predictions over event time, per engine × model'),
    data: { values },
    mark: { type: 'line' },
    encoding: {
      x: {
        field: 'eventTime',
        type: 'temporal',
        scale: { type: 'utc' },
        axis: { format: '%H:%M:%S' },
        title: 'Event time (UTC)',
      },
      y: { field: 'rmse', type: 'quantitative', axis: { format: '~g' }, title: 'Rolling RMSE' },
      color: runColour(runs.map((r) => r.label)),
      tooltip: [
        { field: 'run', title: 'Run' },
        {
          field: 'eventTime',
          type: 'temporal',
          timeUnit: 'utcyearmonthdatehoursminutesseconds',
          title: 'Event time (UTC)',
        },
        { field: 'rmse', type: 'quantitative', title: 'Rolling RMSE', format: '.3~g' },
      ],
    },
  };
}

export const rollingRmseChart: ReportChart = {
  id: 'rolling-rmse',
  title: 'Prediction error over event time',
  caption:
    'Lower is better; one model should draw the same line on every engine, so a line that strays marks an engine bug.',
  spec: rollingRmseSpec,
};

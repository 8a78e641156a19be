/**
 * The worst processing-time latency in each 100 ms of the run, per run, on a log axis, with injected
 * faults marked: a CDF hides when the slow outputs happened, this shows whether they were a warm-up
 * transient, periodic (micro-batches, checkpoints) or the aftermath of a fault. With repetitions, the
 * repetition of median throughput is drawn.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../report-data.js';
import { completedRuns } from '../runs.js';
import { baseSpec, type ReportChart, runColour } from './chart.js';
import { defaultFaultMarks, type FaultMarksOf, faultLayers } from './fault-layer.js';

/** One point per bucket that had output; `marksOf` says where each run's faults are. */
export function latencyTimelineSpec(
  data: ReportData,
  marksOf: FaultMarksOf = defaultFaultMarks,
): TopLevelSpec {
  const runs = completedRuns(data.results);
  const values = runs.flatMap(({ label, run }) =>
    run.timing.latencyTimeline
      .filter(([, maxMs]) => maxMs > 0)
      .map(([ms, maxMs]) => ({ run: label, seconds: ms / 1000, maxMs })),
  );
  return {
    ...baseSpec('Worst processing-time latency per 100 ms over the run, per engine × model, faults marked'),
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'seconds', type: 'quantitative', title: 'Wall time since the run started (s)' },
          y: {
            field: 'maxMs',
            type: 'quantitative',
            scale: { type: 'log' },
            axis: { format: '~g' },
            title: 'Worst latency in the 100 ms (ms, log scale)',
          },
          color: runColour(runs.map((r) => r.label)),
          tooltip: [
            { field: 'run', title: 'Run' },
            { field: 'seconds', type: 'quantitative', title: 'Time (s)', format: '.1f' },
            { field: 'maxMs', type: 'quantitative', title: 'Worst latency (ms)', format: ',.1f' },
          ],
        },
      },
      ...faultLayers(runs, marksOf),
    ],
  } as TopLevelSpec;
}

export const latencyTimelineChart: ReportChart = {
  id: 'latency-timeline',
  title: 'Latency over time',
  caption:
    'Look for a steady band: regular spikes are batch or checkpoint boundaries, a climb that never returns means the engine is falling behind.',
  spec: (data) => latencyTimelineSpec(data),
  appliesTo: (data) => completedRuns(data.results).some(({ run }) => run.timing.latencyTimeline.length > 0),
};

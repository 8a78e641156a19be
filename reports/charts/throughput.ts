/**
 * Ingestion throughput over wall time per run, with injected faults marked: the summary table gives one
 * average, this shows whether an engine kept pace steadily or in bursts (micro-batches, backpressure
 * stalls, GC pauses), and how it dropped and caught up after a fault. With repetitions, the repetition
 * of median throughput is drawn.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CompletedRun } from '../../harness/results/schema.js';
import type { ReportData } from '../report-data.js';
import { completedRuns } from '../runs.js';
import { baseSpec, type ReportChart, runColour } from './chart.js';
import { defaultFaultMarks, type FaultMarksOf, faultLayers } from './fault-layer.js';

/** Bucket width the harness uses for timelines, when a timeline is too short to measure it. */
const DEFAULT_BUCKET_MS = 100;

/**
 * Converts each run's per-bucket event counts to events per second, plotted at the bucket's midpoint.
 * The last bucket is left out: the end of the run cuts it short, so its rate would show a false drop.
 * `marksOf` says where each run's faults are (default: the injections in its `recovery`).
 */
export function throughputSpec(data: ReportData, marksOf: FaultMarksOf = defaultFaultMarks): TopLevelSpec {
  const runs = completedRuns(data.results);
  const values = runs.flatMap(({ label, run }) => {
    const bucket = bucketMs(run);
    return run.timing.throughputTimeline.slice(0, -1).map(([ms, events]) => ({
      run: label,
      seconds: (ms + bucket / 2) / 1000,
      eventsPerSec: (events * 1000) / bucket,
    }));
  });
  return {
    ...baseSpec('Ingested events per second over the run, per engine × model, faults marked'),
    layer: [
      {
        data: { values },
        mark: { type: 'line' },
        encoding: {
          x: { field: 'seconds', type: 'quantitative', title: 'Wall time since the run started (s)' },
          y: {
            field: 'eventsPerSec',
            type: 'quantitative',
            title: 'Ingested events/s',
            axis: { format: ',~s' },
          },
          color: runColour(runs.map((r) => r.label)),
          tooltip: [
            { field: 'run', title: 'Run' },
            { field: 'seconds', type: 'quantitative', title: 'Time (s)', format: '.1f' },
            { field: 'eventsPerSec', type: 'quantitative', title: 'Events/s', format: ',.0f' },
          ],
        },
      },
      ...faultLayers(runs, marksOf),
    ],
  } as TopLevelSpec;
}

/** The timeline's bucket width, read off its first two points. */
export function bucketMs(run: CompletedRun): number {
  const [first, second] = run.timing.throughputTimeline;
  return first && second && second[0] > first[0] ? second[0] - first[0] : DEFAULT_BUCKET_MS;
}

export const throughputChart: ReportChart = {
  id: 'throughput',
  title: 'Throughput over time',
  caption:
    'A flat line at the configured rate means the engine kept up; dips and spikes show stalls and catch-up bursts, dashed rules mark injected faults.',
  spec: (data) => throughputSpec(data),
};

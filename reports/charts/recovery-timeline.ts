/**
 * Recovery timelines: for every injected fault of every run, a bar per recovery phase (detecting the
 * failure, restarting tasks, restoring state, catching up) on the run's clock, so engines' recovery
 * models read side by side: a Flink-style restart from a checkpoint against Spark-style task retries
 * against Storm-style replays. Only in reports whose results have recovery data.
 */
import type { TopLevelSpec } from 'vega-lite';
import { faultsOf, PHASE_LABELS, RECOVERY_PHASES } from '../recovery.js';
import type { ReportData } from '../report-data.js';
import { completedRuns } from '../runs.js';
import { baseSpec, type ReportChart } from './chart.js';

/** One bar per phase reached: from the end of the previous phase reached to its own end, in seconds. */
export function recoveryValues(data: ReportData) {
  return completedRuns(data.results).flatMap(({ label, run }) =>
    faultsOf(run).flatMap((fault, i) => {
      const row = `${label} · fault ${i + 1} (${fault.kind})`;
      let from = 0;
      return RECOVERY_PHASES.flatMap((phase) => {
        const to = fault[phase];
        if (to === null) return [];
        const bar = {
          row,
          phase: PHASE_LABELS[phase],
          start: (fault.injectedAtMs + from) / 1000,
          end: (fault.injectedAtMs + to) / 1000,
          sinceFaultMs: to,
        };
        from = to;
        return [bar];
      });
    }),
  );
}

export function recoverySpec(data: ReportData): TopLevelSpec {
  const phases = RECOVERY_PHASES.map((p) => PHASE_LABELS[p]);
  return {
    ...baseSpec('Recovery phases of every injected fault, per engine × model'),
    height: { step: 22 },
    data: { values: recoveryValues(data) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'row', type: 'nominal', title: null, sort: null, axis: { labelLimit: 360 } },
      x: { field: 'start', type: 'quantitative', title: 'Wall time since the run started (s)' },
      x2: { field: 'end' },
      color: { field: 'phase', type: 'nominal', title: 'Phase', scale: { domain: phases }, sort: phases },
      tooltip: [
        { field: 'row', title: 'Fault' },
        { field: 'phase', title: 'Phase' },
        {
          field: 'sinceFaultMs',
          type: 'quantitative',
          title: 'Done after (ms since the fault)',
          format: ',.0f',
        },
      ],
    },
  } as TopLevelSpec;
}

export const recoveryChart: ReportChart = {
  id: 'recovery',
  title: 'Recovery timelines',
  caption:
    'Shorter is better: each row is one fault, each colour a phase; the row ends when the engine had caught up with its input again.',
  spec: recoverySpec,
  appliesTo: (data) => recoveryValues(data).length > 0,
};

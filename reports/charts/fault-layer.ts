/**
 * Fault marks on the timeline charts: a dashed vertical rule per injected fault, in the run's colour,
 * labelled with the fault's kind. The marks come from a function of the run, by default `faultMarks`
 * (the injections listed in `recovery.faults`), so a future source of faults plugs in without touching
 * the charts.
 */
import type { CompletedRun } from '../../harness/results/schema.js';
import { type FaultMark, faultMarks } from '../recovery.js';
import type { LabelledRun } from '../runs.js';

/** Where a chart finds a run's faults. */
export type FaultMarksOf = (run: CompletedRun) => readonly FaultMark[];

export const defaultFaultMarks: FaultMarksOf = faultMarks;

/** A layer of rules at the runs' faults (x in seconds since the run started), or none without faults. */
export function faultLayers(runs: readonly LabelledRun[], marksOf: FaultMarksOf) {
  const values = runs.flatMap(({ label, run }) =>
    marksOf(run).map((m) => ({ run: label, seconds: m.atMs / 1000, kind: m.kind })),
  );
  if (values.length === 0) return [];
  return [
    {
      data: { values },
      mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: {
        x: { field: 'seconds', type: 'quantitative' },
        color: { field: 'run', type: 'nominal' },
        tooltip: [
          { field: 'run', title: 'Run' },
          { field: 'kind', title: 'Fault injected' },
          { field: 'seconds', type: 'quantitative', title: 'At (s)', format: '.2f' },
        ],
      },
    },
  ];
}

/**
 * The summary table (engine × model against throughput, latency and accuracy) as data, built once and
 * rendered three ways: HTML report, Markdown job summary and the CLI's terminal output. Keeping the
 * columns and the best-per-column rule here means the three can never disagree.
 */
import { MISSING } from './format.js';
import { labelledRuns, modelCell, type ReportInput, resultSets } from './runs.js';
import { type Better, SUMMARY_COLUMNS, type SummaryColumn } from './summary-columns.js';

/** A formatted figure, and whether it is the best in its column. */
export interface SummaryCell {
  readonly text: string;
  readonly best: boolean;
}

/** A row: the cells naming the run, then either figures or the error that stopped it. */
export type SummaryRow = { readonly keyCells: readonly string[] } & (
  | { readonly state: 'completed'; readonly cells: readonly SummaryCell[] }
  | { readonly state: 'errored'; readonly error: string }
);

export interface SummaryTable {
  /** Headers of the cells naming a run: engine, model, and the run id when several results are merged. */
  readonly keyHeaders: readonly string[];
  readonly columns: readonly SummaryColumn[];
  readonly rows: readonly SummaryRow[];
}

/**
 * Builds the table. A value is marked best when it is the lowest (or highest) among at least two runs
 * that differ in that column: with one run, or all equal, there is nothing to point out.
 */
export function buildSummaryTable(input: ReportInput): SummaryTable {
  const runs = labelledRuns(input);
  const merged = resultSets(input).length > 1;
  const figures = runs.map(({ run }) =>
    SUMMARY_COLUMNS.map((c) => (run.state === 'completed' ? c.value(run) : null)),
  );
  const bests = SUMMARY_COLUMNS.map((c, i) =>
    bestValue(
      figures.map((f) => f[i]),
      c.better,
    ),
  );
  const rows = runs.map(({ run, runId }, r): SummaryRow => {
    const keyCells = merged ? [run.engine, modelCell(run), runId] : [run.engine, modelCell(run)];
    if (run.state === 'errored')
      return { keyCells, state: 'errored', error: `${run.error.name}: ${run.error.message}` };
    const cells = SUMMARY_COLUMNS.map((c, i) => {
      const value = figures[r][i];
      return value === null
        ? { text: MISSING, best: false }
        : { text: c.format(value), best: value === bests[i] };
    });
    return { keyCells, state: 'completed', cells };
  });
  return {
    keyHeaders: merged ? ['Engine', 'Model', 'Results'] : ['Engine', 'Model'],
    columns: SUMMARY_COLUMNS,
    rows,
  };
}

function bestValue(values: readonly (number | null)[], better: Better): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const low = Math.min(...present);
  const high = Math.max(...present);
  if (present.length < 2 || low === high) return null;
  return better === 'lower' ? low : high;
}

/** The marker printed after a best value (besides bold where the format has it). */
export const BEST_MARKER = '★';

/**
 * The table as plain aligned text for the terminal: best values get a trailing `*`; an errored run shows
 * its error after its name, outside the column widths so a long message does not stretch the table.
 */
export function renderTerminalTable(input: ReportInput): string {
  const table = buildSummaryTable(input);
  const header = [
    ...table.keyHeaders.map((h) => h.toLowerCase()),
    ...table.columns.map((c) => `${c.flatHeader} `),
  ];
  const figureRows = table.rows.map((row) =>
    row.state === 'completed'
      ? [...row.keyCells, ...row.cells.map((c) => `${c.text}${c.best ? '*' : ' '}`)]
      : row.keyCells,
  );
  const widths = header.map((h, i) =>
    Math.max(h.length, ...figureRows.map((cells) => (cells[i] ?? '').length)),
  );
  const keyCount = table.keyHeaders.length;
  const align = (cells: readonly string[]) =>
    cells.map((cell, i) => (i < keyCount ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const lines = table.rows.map((row, i) =>
    row.state === 'completed' ? align(figureRows[i]) : `${align(row.keyCells)}  errored: ${row.error}`,
  );
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [align(header), rule, ...lines, '', '* best in column'].map((l) => l.trimEnd()).join('\n');
}

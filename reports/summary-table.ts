/**
 * The summary tables (engine × model against throughput and latency, accuracy, recovery) as data, built
 * once and rendered three ways: HTML report, Markdown job summary and the CLI's terminal output. Keeping
 * the columns, the median across repetitions and the best-per-column rule here means the three can never
 * disagree.
 */
import { MISSING } from './format.js';
import { median, type ReportInput, type RunGroup, resultSets, runGroups } from './runs.js';
import { type Better, SUMMARY_TABLES, type SummaryColumn, type SummaryTableSpec } from './summary-columns.js';

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
  readonly id: SummaryTableSpec['id'];
  readonly title: string;
  /** Headers of the cells naming a run: engine, model, then the run id and repetitions when relevant. */
  readonly keyHeaders: readonly string[];
  readonly columns: readonly SummaryColumn[];
  readonly rows: readonly SummaryRow[];
}

/**
 * Builds the tables that have something to show: a column no run has a value for (event-time latency of
 * an unpaced run, recovery without faults) is left out, and so is a table left with no columns. A cell is
 * the median over the row's completed repetitions.
 */
export function buildSummaryTables(input: ReportInput): SummaryTable[] {
  const groups = runGroups(input);
  const merged = resultSets(input).length > 1;
  const repeated = groups.some((g) => g.completed.length + g.errored.length > 1);
  const keyHeaders = ['Engine', 'Model', ...(merged ? ['Results'] : []), ...(repeated ? ['Runs'] : [])];
  const keyCellsOf = (g: RunGroup) => [
    g.engine,
    g.model,
    ...(merged ? [g.runId] : []),
    ...(repeated ? [runsCell(g)] : []),
  ];
  return SUMMARY_TABLES.map((spec) => {
    const figures = groups.map((g) =>
      spec.columns.map((c) => median(g.completed.map((run) => c.value(run)))),
    );
    const kept = spec.columns.map((_, i) => i).filter((i) => figures.some((f) => f[i] !== null));
    const columns = kept.map((i) => spec.columns[i]);
    const bests = kept.map((i) =>
      bestValue(
        figures.map((f) => f[i]),
        spec.columns[i].better,
      ),
    );
    const rows = groups.map((g, r): SummaryRow => {
      const keyCells = keyCellsOf(g);
      if (g.completed.length === 0) {
        const { name, message } = g.errored[0].error;
        return { keyCells, state: 'errored', error: `${name}: ${message}` };
      }
      const cells = kept.map((i, k) => {
        const value = figures[r][i];
        return value === null
          ? { text: MISSING, best: false }
          : { text: spec.columns[i].format(value), best: value === bests[k] };
      });
      return { keyCells, state: 'completed', cells };
    });
    return { id: spec.id, title: spec.title, keyHeaders, columns, rows };
  }).filter((table) => table.columns.length > 0);
}

/** How many repetitions the row's figures are the median of, and how many errored. */
function runsCell(g: RunGroup): string {
  const total = g.completed.length + g.errored.length;
  const mixed = g.errored.length > 0 && g.completed.length > 0;
  return mixed ? `${g.completed.length} of ${total} (${g.errored.length} errored)` : String(total);
}

/**
 * A value is marked best when it is the lowest (or highest) among at least two runs that differ in that
 * column: with one run, or all equal, there is nothing to point out.
 */
function bestValue(values: readonly (number | null)[], better: Better): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const low = Math.min(...present);
  const high = Math.max(...present);
  if (present.length < 2 || low === high) return null;
  return better === 'lower' ? low : high;
}

/** The marker printed after a best value (besides bold where the format has it). */
export const BEST_MARKER = '★';

/** The tables as plain aligned text for the terminal, one after the other under their titles. */
export function renderTerminalTable(input: ReportInput): string {
  const tables = buildSummaryTables(input).map((t) => `${t.title}\n\n${terminalTable(t)}`);
  return [...tables, '* best in column, medians across repetitions'].join('\n\n');
}

/**
 * One table as aligned text: best values get a trailing `*`; an errored run shows its error after its
 * name, outside the column widths so a long message does not stretch the table.
 */
function terminalTable(table: SummaryTable): string {
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
  return [align(header), rule, ...lines].map((l) => l.trimEnd()).join('\n');
}

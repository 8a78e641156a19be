/**
 * The summary table as GitHub Markdown, for CI job summaries and pull-request comments: the same rows,
 * columns and best-value marks as the HTML report, plus the disclaimer in one line.
 */

import { type ReportInput, resultSets } from './runs.js';
import { BEST_MARKER, buildSummaryTable } from './summary-table.js';

/** Renders the table, a legend for the best-value marks and the disclaimer(s). */
export function renderMarkdownSummary(results: ReportInput): string {
  const sets = resultSets(results);
  const table = buildSummaryTable(results);
  const header = [...table.keyHeaders, ...table.columns.map((c) => c.flatHeader)];
  const align = [...table.keyHeaders.map(() => ':---'), ...table.columns.map(() => '---:')];
  const rows = table.rows.map((row) => {
    if (row.state === 'errored') {
      const blanks = table.columns.slice(1).map(() => '');
      return [...row.keyCells, `errored: ${row.error}`, ...blanks].map(escapeCell);
    }
    const cells = row.cells.map((c) =>
      c.best ? `**${escapeCell(c.text)}** ${BEST_MARKER}` : escapeCell(c.text),
    );
    return [...row.keyCells.map(escapeCell), ...cells];
  });
  const title =
    sets.length === 1
      ? `FlinkCoin summary — ${sets[0].runId}`
      : `FlinkCoin summary — ${sets.length} results files`;
  const disclaimers = [...new Set(sets.map((r) => r.disclaimer))].map((d) => `> ⚠️ ${escapeCell(d)}`);
  return [
    `### ${escapeCell(title)}`,
    '',
    ...[header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`),
    '',
    `**Bold** ${BEST_MARKER} = best in column (lowest latency and error; highest throughput, direction and skill).`,
    '',
    ...disclaimers,
    '',
  ].join('\n');
}

/** Escapes text for a table cell: pipes and newlines would break the row, markup characters would render. */
function escapeCell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

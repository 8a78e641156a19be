/**
 * The summary as GitHub Markdown, for CI job summaries and pull-request comments: the same tables, rows,
 * columns and best-value marks as the HTML report, the regression section when a baseline was given,
 * and the disclaimer in one line.
 */
import type { Comparison } from '../harness/compare/compare.js';
import { escapeCell } from './markdown-escape.js';
import { comparisonMarkdown } from './regression.js';
import { type ReportInput, resultSets } from './runs.js';
import { BEST_MARKER, buildSummaryTables, type SummaryTable } from './summary-table.js';
import { windowsSectionMarkdown } from './windows/windows-section.js';

/** Renders the tables, a legend for the best-value marks, the comparison if any, and the disclaimer(s). */
export function renderMarkdownSummary(results: ReportInput, comparison?: Comparison): string {
  const sets = resultSets(results);
  const title =
    sets.length === 1
      ? `FlinkCoin summary — ${sets[0].runId}`
      : `FlinkCoin summary — ${sets.length} results files`;
  const disclaimers = [...new Set(sets.map((r) => r.disclaimer))].map((d) => `> ⚠️ ${escapeCell(d)}`);
  return [
    `### ${escapeCell(title)}`,
    '',
    ...buildSummaryTables(results).flatMap((table) => [
      `#### ${escapeCell(table.title)}`,
      '',
      ...tableLines(table),
      '',
    ]),
    ...windowsSectionMarkdown(results),
    `**Bold** ${BEST_MARKER} = best in column (lowest latency and error; highest throughput, direction and skill); medians across repetitions.`,
    '',
    ...(comparison ? [comparisonMarkdown(comparison), ''] : []),
    ...disclaimers,
    '',
  ].join('\n');
}

function tableLines(table: SummaryTable): string[] {
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
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

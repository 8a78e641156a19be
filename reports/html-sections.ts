/**
 * The report's text sections as HTML fragments: disclaimer, run facts and the summary table. Every
 * string from the results goes through escapeHtml here.
 */
import type { Results } from '../harness/results/schema.js';
import { runFacts } from './facts.js';
import { escapeHtml } from './html-escape.js';
import type { ReportInput } from './runs.js';
import { BEST_MARKER, buildSummaryTables, type SummaryRow, type SummaryTable } from './summary-table.js';

/** Each distinct disclaimer (normally one), set apart so no reader takes the figures for the real systems'. */
export function disclaimerHtml(sets: readonly Results[]): string {
  const texts = [...new Set(sets.map((r) => r.disclaimer))];
  return texts
    .map(
      (text) =>
        `<aside class="disclaimer" role="note"><strong>Emulated engines, not the real systems.</strong>${escapeHtml(text)}</aside>`,
    )
    .join('\n');
}

/** One facts list per results file, with the full config and dataset description behind a disclosure. */
export function factsHtml(sets: readonly Results[]): string {
  return sets
    .map((results) => {
      const heading = sets.length > 1 ? `<h3>Results ${escapeHtml(results.runId)}</h3>` : '';
      const facts = runFacts(results)
        .map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`)
        .join('');
      const json = escapeHtml(JSON.stringify({ config: results.config, dataset: results.dataset }, null, 2));
      return `${heading}<dl class="facts">${facts}</dl>
<details><summary>Full configuration and dataset description</summary><pre>${json}</pre></details>`;
    })
    .join('\n');
}

/**
 * The summary tables, each under its heading: grouped two-row header, best values bold and starred,
 * errored runs with their error. The engine and model cells stay put while a wide table scrolls.
 */
export function summaryTableHtml(input: ReportInput): string {
  const tables = buildSummaryTables(input).map(
    (table) => `<h3 id="summary-${table.id}">${escapeHtml(table.title)}</h3>
<div class="table-scroll"><table class="summary">
<thead>${headerRowsHtml(table)}</thead>
<tbody>
${table.rows.map((row) => rowHtml(row, table.columns.length)).join('\n')}
</tbody>
</table></div>`,
  );
  return `${tables.join('\n')}
<p class="table-note"><strong>Bold</strong> ${BEST_MARKER} marks the best value in a column: lowest latency and
error, highest throughput, directional accuracy and skill. Skill above 0 beats the persistence (random-walk)
baseline. With repetitions, every figure is the median across them.</p>`;
}

/** The sticky key cells get a class naming their position, so the stylesheet can offset the second. */
function keyClass(i: number): string {
  return i < 2 ? ` class="key key-${i}"` : ' class="key"';
}

function headerRowsHtml(table: SummaryTable): string {
  const top = table.keyHeaders.map(
    (h, i) => `<th rowspan="2" scope="col"${keyClass(i)}>${escapeHtml(h)}</th>`,
  );
  const bottom: string[] = [];
  table.columns.forEach((column, i) => {
    if (column.group === null) {
      top.push(`<th rowspan="2" scope="col">${escapeHtml(column.header)}</th>`);
      return;
    }
    bottom.push(`<th scope="col">${escapeHtml(column.header)}</th>`);
    if (table.columns[i - 1]?.group === column.group) return;
    const span = table.columns.slice(i).findIndex((c) => c.group !== column.group);
    const colspan = span === -1 ? table.columns.length - i : span;
    top.push(`<th colspan="${colspan}" scope="colgroup">${escapeHtml(column.group)}</th>`);
  });
  return `<tr>${top.join('')}</tr><tr>${bottom.join('')}</tr>`;
}

function rowHtml(row: SummaryRow, figureCount: number): string {
  const keys = row.keyCells.map((k, i) => `<th scope="row"${keyClass(i)}>${escapeHtml(k)}</th>`).join('');
  if (row.state === 'errored') {
    return `<tr class="errored">${keys}<td class="error" colspan="${figureCount}">Run errored: ${escapeHtml(row.error)}</td></tr>`;
  }
  const cells = row.cells.map((cell) =>
    cell.best
      ? `<td class="num best"><strong>${escapeHtml(cell.text)}</strong><span class="best-marker" aria-label="best in column">${BEST_MARKER}</span></td>`
      : `<td class="num">${escapeHtml(cell.text)}</td>`,
  );
  return `<tr>${keys}${cells.join('')}</tr>`;
}

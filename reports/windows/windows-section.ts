/**
 * The report's window section, for workloads that time several window outputs (the alerts workload):
 * the window-support table per engine, the workload's headline figures per engine × model (the same on
 * every engine in a failure-free run), and latency per output kind. Built as plain tables, rendered to
 * HTML and to Markdown.
 */
import type { CompletedRun } from '../../harness/results/schema.js';
import { escapeHtml } from '../html-escape.js';
import { escapeCell } from '../markdown-escape.js';
import { completedRuns, type ReportInput } from '../runs.js';
import { WINDOW_KINDS, WINDOW_SUPPORT } from './window-support.js';

interface Table {
  readonly title: string;
  readonly note: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Cells that are links: [row, column] → URL. */
  readonly links?: ReadonlyMap<string, string>;
}

function tables(input: ReportInput): Table[] {
  const runs = completedRuns(input).filter((r) => windowRun(r.run));
  if (runs.length === 0) return [];
  const engines = [...new Set(runs.map((r) => r.run.engine))].filter((e) => e in WINDOW_SUPPORT);
  const links = new Map<string, string>();
  const support: Table = {
    title: 'Window support in the real systems',
    note: 'FlinkCoin runs every window on every engine; "emulated" means the real system has no such window and the adapter builds it (sources linked).',
    headers: ['engine', ...WINDOW_KINDS],
    rows: engines.map((engine, row) => [
      engine,
      ...WINDOW_KINDS.map((kind, col) => {
        const s = WINDOW_SUPPORT[engine][kind];
        links.set(`${row}:${col + 1}`, s.source);
        return `${s.native ? 'native' : 'emulated'}: ${s.how}`;
      }),
    ]),
    links,
  };
  const figureNames = [...new Set(runs.flatMap((r) => Object.keys(r.run.workloadFigures ?? {})))];
  const figures: Table = {
    title: 'Window outputs',
    note: 'Deterministic: every engine should show the same figures in a failure-free run.',
    headers: ['run', ...figureNames],
    rows: runs.map((r) => [r.label, ...figureNames.map((f) => fmt(r.run.workloadFigures?.[f]))]),
  };
  const outputs = [...new Set(runs.flatMap((r) => Object.keys(r.run.timing.latencyByOutput ?? {})))];
  const latency: Table = {
    title: 'Latency per output kind (processing time, ms)',
    note: 'p50 / p99 from engine ingestion to the sink, per window output.',
    headers: ['run', ...outputs],
    rows: runs.map((r) => [
      r.label,
      ...outputs.map((o) => {
        const l = r.run.timing.latencyByOutput?.[o]?.processingTime;
        return l === undefined || l.count === 0 ? '—' : `${fmt(l.p50)} / ${fmt(l.p99)} (${l.count})`;
      }),
    ]),
  };
  return [support, figures, latency].filter((t) => t.rows.length > 0 && t.headers.length > 1);
}

const windowRun = (run: CompletedRun) =>
  run.workloadFigures !== undefined || run.timing.latencyByOutput !== undefined;

function fmt(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

export function windowsSectionHtml(input: ReportInput): string {
  const ts = tables(input);
  if (ts.length === 0) return '';
  const body = ts
    .map((t) => {
      const head = t.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
      const rows = t.rows
        .map((r, i) => {
          const cells = r.map((c, j) => {
            const href = t.links?.get(`${i}:${j}`);
            const text = escapeHtml(c);
            return `<td>${href ? `<a href="${escapeHtml(href)}">${text}</a>` : text}</td>`;
          });
          return `<tr>${cells.join('')}</tr>`;
        })
        .join('\n');
      return `<h3>${escapeHtml(t.title)}</h3>\n<p>${escapeHtml(t.note)}</p>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    })
    .join('\n');
  return `<section id="windows">\n<h2>Windows</h2>\n${body}\n</section>`;
}

export function windowsSectionMarkdown(input: ReportInput): string[] {
  return tables(input).flatMap((t) => [
    `#### ${escapeCell(t.title)}`,
    '',
    escapeCell(t.note),
    '',
    `| ${t.headers.map(escapeCell).join(' | ')} |`,
    `| ${t.headers.map(() => '---').join(' | ')} |`,
    ...t.rows.map(
      (r, i) =>
        `| ${r
          .map((c, j) => {
            const href = t.links?.get(`${i}:${j}`);
            return href ? `[${escapeCell(c)}](${href})` : escapeCell(c);
          })
          .join(' | ')} |`,
    ),
    '',
  ]);
}

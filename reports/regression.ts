/**
 * The regression section, rendered three ways from one Comparison (harness/compare): terminal text for
 * `flinkcoin compare`, Markdown for the CI job summary, HTML for the report. Each shows the figures that
 * are not "same" (all of them in the HTML, behind a disclosure), the rules applied and the notes.
 */
import type { Comparison, FigureComparison } from '../harness/compare/compare.js';
import { formatCount, formatMs, formatPercent, formatRate, formatSignificant, MISSING } from './format.js';
import { escapeHtml } from './html-escape.js';
import { escapeCell } from './markdown-escape.js';

const HEADERS = ['Engine', 'Model', 'Figure', 'Baseline', 'Current', 'Ratio (95% CI)', 'Verdict'];

/** A figure's value as text: digests shortened, latencies in ms, rates and counts with separators. */
export function formatFigure(figure: string, value: number | string | null): string {
  if (value === null) return MISSING;
  if (typeof value === 'string') return figure.endsWith('sha256') ? value.slice(0, 12) : value;
  if (figure.startsWith('latency.')) return formatMs(value);
  if (figure === 'throughput') return formatRate(value);
  if (figure === 'peakRssBytes') return `${(value / 2 ** 20).toFixed(1)} MiB`;
  if (figure === 'accuracy.directional') return formatPercent(value);
  if (figure.startsWith('accuracy.') && !/scored|duplicates/.test(figure)) return formatSignificant(value);
  return formatCount(value);
}

/** `×1.23 [1.10, 1.40]` for timing figures; a dash for deterministic ones. */
function ratioText(f: FigureComparison): string {
  if (f.ratio === undefined) return MISSING;
  const interval = f.interval ? ` [${f.interval[0].toFixed(2)}, ${f.interval[1].toFixed(2)}]` : '';
  return `×${f.ratio.toFixed(2)}${interval}`;
}

function verdictText(f: FigureComparison): string {
  const flag = f.regression ? 'REGRESSION' : f.verdict;
  return f.note ? `${flag} (${f.note})` : flag;
}

function cells(f: FigureComparison): string[] {
  return [
    f.engine,
    f.model,
    f.figure,
    formatFigure(f.figure, f.baseline),
    formatFigure(f.figure, f.current),
    ratioText(f),
    verdictText(f),
  ];
}

/** The lines every rendering starts with: what was compared, how machine speed was allowed for, the rules. */
export function comparisonPreamble(c: Comparison): string[] {
  const side = (s: Comparison['baseline']) => `${s.runId}${s.commit ? ` (${s.commit.slice(0, 12)})` : ''}`;
  const t = c.thresholds;
  const calibration =
    c.calibrationRatio === null
      ? 'timing figures not normalised (no common calibration)'
      : `calibration loop ${c.current.calibrationMs?.toFixed(1)} ms now vs ${c.baseline.calibrationMs?.toFixed(1)} ms in the baseline: timing ratios normalised by ×${c.calibrationRatio.toFixed(2)}`;
  const counts = (['same', 'noise', 'better', 'worse'] as const)
    .map((v) => `${c.figures.filter((f) => f.verdict === v).length} ${v}`)
    .join(', ');
  return [
    `Compared ${side(c.current)} with baseline ${side(c.baseline)}; ${calibration}.`,
    `Rules: deterministic figures must match (relative tolerance ${t.tolerance}); timing figures compare medians of repetitions with a 95% bootstrap interval of the ratio; within ±${Math.round(t.noise * 100)}% is noise; a timing regression fails only when its whole interval is beyond ×${t.timingFailRatio}; fewer than ${t.minRepetitions} repetitions a side: no interval.`,
    `Figures: ${counts}. ${c.regressions === 0 ? 'No regression.' : `${c.regressions} regression${c.regressions === 1 ? '' : 's'}.`}`,
  ];
}

/** Plain text for the terminal: the preamble, the figures that are not "same", then the notes. */
export function comparisonTerminal(c: Comparison): string {
  const rows = c.figures.filter((f) => f.verdict !== 'same').map(cells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 6 ? 0 : r[i].length))));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i === 6 ? cell : cell.padEnd(widths[i]))).join('  ');
  const table = rows.length === 0 ? ['(every figure is the same)'] : [line(HEADERS), ...rows.map(line)];
  const notes = c.notes.map((n) => `note: ${n}`);
  return [...comparisonPreamble(c), '', ...table, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

/** GitHub Markdown: the preamble, a table of the figures that are not "same", and the notes. */
export function comparisonMarkdown(c: Comparison): string {
  const rows = c.figures.filter((f) => f.verdict !== 'same').map((f) => cells(f).map(escapeCell));
  const head = c.regressions === 0 ? '✅ no regression' : `❌ ${c.regressions} regression(s)`;
  const table =
    rows.length === 0
      ? ['Every figure is the same as in the baseline.']
      : [HEADERS, HEADERS.map((_, i) => (i < 3 ? ':---' : '---:')), ...rows].map(
          (r) => `| ${r.join(' | ')} |`,
        );
  return [
    `#### Comparison with the baseline: ${head}`,
    '',
    ...comparisonPreamble(c).map(escapeCell),
    '',
    ...table,
    ...(c.notes.length ? ['', ...c.notes.map((n) => `- ${escapeCell(n)}`)] : []),
  ].join('\n');
}

/** The report's section: the changed figures in a table, every figure behind a disclosure. */
export function comparisonHtml(c: Comparison): string {
  const table = (figures: readonly FigureComparison[]) =>
    `<div class="table-scroll"><table class="summary regression">
<thead><tr>${HEADERS.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>
${figures
  .map(
    (f) =>
      `<tr class="verdict-${f.regression ? 'regression' : f.verdict}">${cells(f)
        .map((x, i) => (i < 3 ? `<th scope="row">${escapeHtml(x)}</th>` : `<td>${escapeHtml(x)}</td>`))
        .join('')}</tr>`,
  )
  .join('\n')}
</tbody></table></div>`;
  const changed = c.figures.filter((f) => f.verdict !== 'same');
  return `${comparisonPreamble(c)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n')}
${changed.length === 0 ? '<p>Every figure is the same as in the baseline.</p>' : table(changed)}
${c.notes.length ? `<ul class="notes">${c.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
<details><summary>All ${c.figures.length} figures</summary>${table(c.figures)}</details>`;
}

/**
 * The HTML report: one self-contained file that works offline and without JavaScript. Each chart is
 * rendered server-side to static SVG; the page also inlines Vega, Vega-Lite and vega-embed, which swap
 * every static chart for an interactive one (tooltips, export) when scripts run.
 */
import type { ReportChart } from './charts/chart.js';
import { chartsFor } from './charts/index.js';
import { escapeHtml, jsonForScript, scriptForInline } from './html-escape.js';
import { disclaimerHtml, factsHtml, summaryTableHtml } from './html-sections.js';
import { comparisonHtml } from './regression.js';
import { type ReportExtras, reportData } from './report-data.js';
import { type ReportInput, resultSets } from './runs.js';
import { REPORT_CSS } from './styles.js';
import { renderStaticSvg, vegaBrowserBuilds } from './vega-render.js';
import { windowsSectionHtml } from './windows/windows-section.js';

/**
 * Runs in the page after the Vega builds: embeds each chart beside its static SVG and removes the SVG
 * once the interactive view has rendered, so a failure leaves the static chart in place.
 */
const EMBED_SCRIPT = `(() => {
  const specs = JSON.parse(document.getElementById('chart-specs').textContent);
  const options = { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } };
  for (const figure of document.querySelectorAll('figure[data-chart]')) {
    const fallback = figure.querySelector('.chart-static');
    const target = document.createElement('div');
    target.className = 'chart-interactive';
    fallback.after(target);
    vegaEmbed(target, specs[figure.dataset.chart], options)
      .then(() => fallback.remove())
      .catch((error) => {
        target.remove();
        console.error('chart ' + figure.dataset.chart + ' could not be made interactive', error);
      });
  }
})();`;

/**
 * Renders the report for one results file, or several merged (one set of tables, shared charts, facts per
 * file); with a comparison it gains the regression section, with a history the trend section.
 */
export async function renderHtmlReport(results: ReportInput, extras: ReportExtras = {}): Promise<string> {
  const data = reportData(results, extras);
  const sets = resultSets(results);
  const charts = await Promise.all(
    chartsFor(data).map(async (chart) => {
      const spec = chart.spec(data);
      return { chart, spec, svg: await renderStaticSvg(spec) };
    }),
  );
  const figures = (section: 'charts' | 'trend') =>
    charts
      .filter(({ chart }) => (chart.section ?? 'charts') === section)
      .map(({ chart, svg }) => figureHtml(chart, svg))
      .join('\n');
  const title =
    sets.length === 1
      ? `FlinkCoin report — ${sets[0].runId}`
      : `FlinkCoin report — ${sets.length} results files`;
  const specs = Object.fromEntries(charts.map(({ chart, spec }) => [chart.id, spec]));
  const scripts = [...vegaBrowserBuilds(), EMBED_SCRIPT].map((s) => `<script>${scriptForInline(s)}</script>`);
  const regression = data.comparison
    ? `<section id="regression">
<h2>Comparison with the baseline</h2>
${comparisonHtml(data.comparison)}
</section>`
    : '';
  const trend =
    data.history.length > 0
      ? `<section id="trend">
<h2>Trend over commits</h2>
<p>${data.history.length} history entries (one per commit, oldest first); each point is the median across that run's repetitions.</p>
${figures('trend')}
</section>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">Stream-processing execution models compared on one crypto-market price-prediction workload.</p>
</header>
${disclaimerHtml(sets)}
<section id="summary">
<h2>Summary</h2>
${summaryTableHtml(results)}
</section>
${windowsSectionHtml(results)}
${regression}
<section id="charts">
<h2>Charts</h2>
${figures('charts')}
</section>
${trend}
<section id="facts">
<h2>Run facts</h2>
${factsHtml(sets)}
</section>
</main>
<script type="application/json" id="chart-specs">${jsonForScript(specs)}</script>
${scripts.join('\n')}
</body>
</html>
`;
}

function figureHtml(chart: ReportChart, svg: string): string {
  const id = escapeHtml(chart.id);
  return `<figure class="chart" id="chart-${id}" data-chart="${id}">
<h3>${escapeHtml(chart.title)}</h3>
<div class="chart-static">${svg}</div>
<figcaption>${escapeHtml(chart.caption)}</figcaption>
</figure>`;
}

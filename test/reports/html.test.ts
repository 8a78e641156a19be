import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../harness/compare/compare.js';
import { chartsFor } from '../../reports/charts/index.js';
import { sweepPoints } from '../../reports/charts/sweep.js';
import { renderHtmlReport } from '../../reports/html.js';
import { reportData } from '../../reports/report-data.js';
import { buildSummaryTables } from '../../reports/summary-table.js';
import { writeReport } from '../../reports/write.js';
import {
  historyFixture,
  loadFixture,
  MALICIOUS,
  maliciousFixture,
  repeatedFixture,
  sweepFixture,
  withDelivery,
  withRecovery,
} from './fixture.js';

/** The page without the contents of its script elements (the inlined libraries contain SVG and URLs). */
function withoutScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');
}

describe('reports: HTML report', () => {
  it('loads nothing from the network: no remote script src or link href', async () => {
    const html = await renderHtmlReport(loadFixture());
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).toContain('globalThis'); // the inlined UMD builds
  });

  it('has one static SVG per chart, each with its caption', async () => {
    const page = withoutScripts(await renderHtmlReport(loadFixture()));
    const charts = chartsFor(reportData(loadFixture()));
    expect(charts.map((c) => c.id)).toEqual([
      'latency-cdf',
      'event-latency-cdf',
      'throughput',
      'latency-timeline',
      'rolling-rmse',
    ]); // no sweep, delivery counts, faults or history in this fixture
    expect(page.match(/<svg\b/g)).toHaveLength(charts.length);
    for (const chart of charts) {
      expect(page).toMatch(
        new RegExp(`<figure[^>]*data-chart="${chart.id}"[\\s\\S]*?<svg[\\s\\S]*?<figcaption>`),
      );
    }
  });

  it('shows the disclaimer and the run facts', async () => {
    const results = loadFixture();
    const page = withoutScripts(await renderHtmlReport(results));
    expect(page).toContain('<aside class="disclaimer"');
    expect(page).toContain(results.disclaimer.replace(/'/g, '&#39;'));
    for (const fact of [
      results.runId,
      'AMD EPYC × 2',
      'v20.20.2',
      '5ef3060d8aa9',
      'coinbase-ws-feed (synthetic)',
    ]) {
      expect(page).toContain(fact);
    }
  });

  it('shows the errored run as a table row with its error message', async () => {
    const page = withoutScripts(await renderHtmlReport(loadFixture()));
    const [performance] = buildSummaryTables(loadFixture());
    expect(page).toContain(
      `<tr class="errored"><th scope="row" class="key key-0">spark</th><th scope="row" class="key key-1">linear</th><td class="error" colspan="${performance.columns.length}">Run errored: ChildProcessError: run process exited`,
    );
  });

  it('escapes a malicious engine name and error message everywhere', async () => {
    const html = await renderHtmlReport(maliciousFixture());
    expect(html).not.toContain(MALICIOUS);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(withoutScripts(html).match(/<script\b/g)).toHaveLength(5); // the specs JSON, three builds, the embed script
  });

  it('writes report.html and summary.md side by side', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-report-'));
    const { html, markdown } = await writeReport(loadFixture(), join(dir, 'report.html'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(html);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(markdown);
  });
});

describe('reports: sweep chart', () => {
  it('appears only for sweep results, with a point per run at its throughput', async () => {
    const results = sweepFixture();
    expect(chartsFor(reportData(results)).map((c) => c.id)).toContain('sweep');
    const points = sweepPoints(reportData(results));
    expect(points).toHaveLength(results.runs.length);
    expect(points.map((p) => p.throughput)).toEqual(
      results.runs.map((r) => (r.state === 'completed' ? r.timing.throughputEventsPerSec : null)),
    );
    // Several rates: one line per knob value.
    expect(new Set(points.map((p) => p.series))).toEqual(
      new Set(['flink.bufferTimeoutMs=0', 'flink.bufferTimeoutMs=100']),
    );
    const page = withoutScripts(await renderHtmlReport(results));
    expect(page).toMatch(/<figure[^>]*data-chart="sweep"[\s\S]*?<svg/);
    expect(page).toContain('linear [bufferTimeoutMs=100 @ 20000 ev/s]');
  });
});

describe('reports: optional sections', () => {
  it('adds the staleness and recovery charts when runs have delivery counts and faults', async () => {
    const data = reportData(withDelivery(withRecovery(loadFixture())));
    expect(chartsFor(data).map((c) => c.id)).toEqual(expect.arrayContaining(['staleness', 'recovery']));
    const page = withoutScripts(await renderHtmlReport(data.results));
    expect(page).toContain('id="summary-recovery"');
    expect(page).toMatch(/<figure[^>]*data-chart="recovery"[\s\S]*?<svg/);
    expect(page).toContain('kill-task'); // the fault's kind, on the recovery chart's rows
  });

  it('adds the regression section with a comparison and the trend section with a history', async () => {
    const baseline = repeatedFixture([1, 1, 1]);
    const current = repeatedFixture([2, 2.1, 1.9]);
    const comparison = compareResults(baseline, current);
    const page = withoutScripts(await renderHtmlReport(current, { comparison, history: historyFixture() }));
    expect(page).toContain('<section id="regression">');
    expect(page).toMatch(/<tr class="verdict-regression"><th scope="row">flink<\/th>/);
    expect(page).toMatch(/<section id="trend">[\s\S]*?data-chart="trend"[\s\S]*?<svg/);
    const plain = withoutScripts(await renderHtmlReport(current));
    expect(plain).not.toContain('<section id="regression">');
    expect(plain).not.toContain('<section id="trend">');
  });

  it('names the calibration and repetitions among the run facts', async () => {
    const page = withoutScripts(await renderHtmlReport(repeatedFixture([1, 1, 1])));
    expect(page).toContain(
      '<dt>Calibration</dt><dd>40.0 ms (median of 1 timings of loop xorshift-fma-ring/v1)',
    );
    expect(page).toContain(
      '<dt>Repetitions</dt><dd>3 of each engine × model, interleaved; tables show medians</dd>',
    );
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartsFor } from '../../reports/charts/index.js';
import { sweepPoints } from '../../reports/charts/sweep.js';
import { renderHtmlReport } from '../../reports/html.js';
import { SUMMARY_COLUMNS } from '../../reports/summary-columns.js';
import { writeReport } from '../../reports/write.js';
import { loadFixture, MALICIOUS, maliciousFixture, sweepFixture } from './fixture.js';

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
    const charts = chartsFor(loadFixture());
    expect(charts.map((c) => c.id)).not.toContain('sweep'); // no sweep runs in this fixture
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
    expect(page).toContain(
      `<tr class="errored"><th scope="row">spark</th><th scope="row">linear</th><td class="error" colspan="${SUMMARY_COLUMNS.length}">Run errored: ChildProcessError: run process exited`,
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
    expect(chartsFor(results).map((c) => c.id)).toContain('sweep');
    const points = sweepPoints(results);
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

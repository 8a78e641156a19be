/**
 * Opens the written report in a real Chromium to prove what string checks cannot: the inlined libraries
 * load offline from a file:// URL and every chart becomes an interactive vega-embed view without errors.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareResults } from '../../harness/compare/compare.js';
import { chartsFor, REPORT_CHARTS } from '../../reports/charts/index.js';
import { writeReport } from '../../reports/write.js';
import { everyChartData, repeatedFixture } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const browserRequired = process.env.FLINKCOIN_REQUIRE_BROWSER === '1';
const SCREENSHOT = new URL('../../test-output/report.png', import.meta.url).pathname;
const skipped = !hasChromium && !browserRequired;
const skipNote = `skipped: no chromium at ${CHROMIUM} (apt-get install chromium; FLINKCOIN_REQUIRE_BROWSER=1 makes this fail)`;

describe('reports: HTML report in Chromium', () => {
  let browser: Browser | undefined;
  let reportUrl: string;

  beforeAll(async () => {
    if (skipped) return;
    if (!hasChromium) throw new Error(`FLINKCOIN_REQUIRE_BROWSER=1 but chromium is missing at ${CHROMIUM}`);
    const reportPath = join(mkdtempSync(join(tmpdir(), 'flinkcoin-report-')), 'report.html');
    // Repeated runs with faults and delivery counts, merged with a sweep's results, a history and a
    // comparison: every chart in REPORT_CHARTS has data, and every section is on the page.
    const comparison = compareResults(repeatedFixture([1, 1, 1]), repeatedFixture([2, 2.1, 1.9]));
    const data = everyChartData(comparison);
    expect(chartsFor(data).map((c) => c.id)).toEqual(REPORT_CHARTS.map((c) => c.id));
    await writeReport(data.results, reportPath, data);
    reportUrl = pathToFileURL(reportPath).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(() => browser?.close());

  it.skipIf(skipped)(
    hasChromium ? 'renders every chart interactively, offline, with no console or page errors' : skipNote,
    async () => {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
      page.on('request', (r) => !r.url().startsWith('file:') && problems.push(`network: ${r.url()}`));
      await page.goto(reportUrl);
      await page.waitForFunction(
        (count) =>
          document.querySelectorAll('.vega-embed svg.marks').length === count &&
          document.querySelectorAll('.chart-static').length === 0,
        REPORT_CHARTS.length,
        { timeout: 20_000 },
      );
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(problems).toEqual([]);
    },
  );

  it.skipIf(skipped)(
    hasChromium ? 'shows every chart as static SVG when JavaScript is off' : skipNote,
    async () => {
      const context = await browser!.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(reportUrl);
      await expect(page.locator('.chart-static > svg').count()).resolves.toBe(REPORT_CHARTS.length);
      await expect(page.locator('.chart-static > svg').first().isVisible()).resolves.toBe(true);
      await context.close();
    },
  );
});

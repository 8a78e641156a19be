/**
 * Writes the report pair next to each other: `report.html` for people, `summary.md` for CI job
 * summaries. Atomic writes, so a crash or a concurrent reader never sees a half-written report.
 */
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../harness/results/atomic-write.js';
import { renderHtmlReport } from './html.js';
import { renderMarkdownSummary } from './markdown.js';
import type { ReportExtras } from './report-data.js';
import type { ReportInput } from './runs.js';

/**
 * Writes the HTML to `outPath` and `summary.md` beside it; returns both texts (the CLI and tests use
 * them). `extras` adds the regression section (a comparison) and the trend section (a history).
 */
export async function writeReport(
  results: ReportInput,
  outPath: string,
  extras: ReportExtras = {},
): Promise<{ html: string; markdown: string }> {
  const html = await renderHtmlReport(results, extras);
  const markdown = renderMarkdownSummary(results, extras.comparison);
  writeFileAtomic(outPath, html);
  writeFileAtomic(join(dirname(outPath), 'summary.md'), markdown);
  return { html, markdown };
}

import { describe, expect, it } from 'vitest';
import { compareResults } from '../../harness/compare/compare.js';
import { renderMarkdownSummary } from '../../reports/markdown.js';
import { loadFixture, maliciousFixture, repeatedFixture } from './fixture.js';

const PERFORMANCE = [
  'Engine',
  'Model',
  'throughput ev/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'p99.9 ms',
  'max ms',
  'event-time p50 ms',
  'event-time p95 ms',
  'event-time p99 ms',
  'event-time p99.9 ms',
  'event-time max ms',
  'CPU ms',
];
const ACCURACY = ['Engine', 'Model', 'RMSE', 'MAE', 'direction', 'skill vs persistence', 'scored'];

/** The Markdown tables (runs of consecutive `| ` lines), each as rows of cells. */
function tables(markdown: string): string[][][] {
  const out: string[][][] = [];
  let previous = false;
  for (const line of markdown.split('\n')) {
    const row = line.startsWith('| ');
    if (row && !previous) out.push([]);
    if (row) out[out.length - 1].push(line.slice(2, -2).split(/(?<!\\) \| /));
    previous = row;
  }
  return out;
}

describe('reports: Markdown summary', () => {
  it('has a latency table and an accuracy table, each with an alignment row and one row per run', () => {
    const markdown = renderMarkdownSummary(loadFixture());
    expect(markdown).toContain('#### Throughput and latency');
    expect(markdown).toContain('#### Accuracy and delivery');
    const [[header, align, ...rows], [accuracyHeader]] = tables(markdown);
    expect(header).toEqual(PERFORMANCE);
    expect(accuracyHeader).toEqual(ACCURACY);
    expect(align).toEqual([':---', ':---', ...PERFORMANCE.slice(2).map(() => '---:')]);
    expect(rows.map((r) => r.length)).toEqual([PERFORMANCE.length, PERFORMANCE.length, PERFORMANCE.length]);
  });

  it('bolds and stars the best value, and shows the errored run with its error', () => {
    const [[, , persistence, linear, errored]] = tables(renderMarkdownSummary(loadFixture()));
    expect(persistence[2]).toBe('**20,000** ★');
    expect(linear[3]).toBe('**117** ★');
    expect(errored[2]).toMatch(/^errored: ChildProcessError: run process exited/);
  });

  it('ends with the disclaimer on one line', () => {
    const markdown = renderMarkdownSummary(loadFixture());
    expect(markdown).toMatch(/\n> ⚠️ The engines here emulate the execution models[^\n]*not those systems/);
  });

  it('escapes markup and pipes in cells', () => {
    const markdown = renderMarkdownSummary(maliciousFixture());
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\>');
  });

  it('carries the comparison section, with its verdict, when a baseline was compared', () => {
    const current = repeatedFixture([3, 3.1, 2.9]);
    const comparison = compareResults(repeatedFixture([1, 1.05, 0.95]), current);
    const markdown = renderMarkdownSummary(current, comparison);
    expect(markdown).toMatch(/#### Comparison with the baseline: ❌ \d+ regression/);
    expect(markdown).toMatch(/\| flink \| linear \| latency\.processingTime\.p99 \|[^\n]*REGRESSION/);
  });
});

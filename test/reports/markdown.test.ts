import { describe, expect, it } from 'vitest';
import { renderMarkdownSummary } from '../../reports/markdown.js';
import { loadFixture, maliciousFixture } from './fixture.js';

const COLUMNS = [
  'Engine',
  'Model',
  'throughput ev/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'p99.9 ms',
  'max ms',
  'event-time p50 ms',
  'event-time p99 ms',
  'RMSE',
  'MAE',
  'direction',
  'skill vs persistence',
  'direction ≥ (95%)',
  'actionable',
  'scored',
  'duplicates',
];

function tableLines(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .map((l) => l.slice(2, -2).split(/(?<!\\) \| /));
}

describe('reports: Markdown summary', () => {
  it('has the summary columns, an alignment row and one row per run', () => {
    const [header, align, ...rows] = tableLines(renderMarkdownSummary(loadFixture()));
    expect(header).toEqual(COLUMNS);
    expect(align).toEqual(['---', '---'].map(() => ':---').concat(COLUMNS.slice(2).map(() => '---:')));
    expect(rows.map((r) => r.length)).toEqual([COLUMNS.length, COLUMNS.length, COLUMNS.length]);
  });

  it('bolds and stars the best value, and shows the errored run with its error', () => {
    const [, , persistence, linear, errored] = tableLines(renderMarkdownSummary(loadFixture()));
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
});

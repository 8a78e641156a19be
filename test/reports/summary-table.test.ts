import { describe, expect, it } from 'vitest';
import type { CompletedRun } from '../../harness/results/schema.js';
import { buildSummaryTable, renderTerminalTable, type SummaryRow } from '../../reports/summary-table.js';
import { loadFixture } from './fixture.js';

function bestColumns(row: SummaryRow): string[] {
  const table = buildSummaryTable(loadFixture());
  return row.state === 'completed' ? table.columns.filter((_, i) => row.cells[i].best).map((c) => c.key) : [];
}

describe('reports: summary table', () => {
  it('marks the lower latency and error, and the higher throughput, accuracy and skill, as best', () => {
    const [persistence, linear] = buildSummaryTable(loadFixture()).rows;
    expect(bestColumns(persistence)).toEqual(['throughput']);
    expect(bestColumns(linear)).toEqual([
      'p50',
      'p95',
      'p99',
      'p999',
      'max',
      'eventP50',
      'eventP99',
      'rmse',
      'mae',
      'direction',
      'skill',
    ]);
  });

  it('marks nothing in a column where only one run has a value or all values are equal', () => {
    const results = loadFixture();
    const [persistence, linear] = results.runs as CompletedRun[];
    linear.timing.throughputEventsPerSec = persistence.timing.throughputEventsPerSec;
    linear.timing.latency.eventTime = null;
    const table = buildSummaryTable(results);
    const column = (key: string) => table.columns.findIndex((c) => c.key === key);
    for (const row of table.rows) {
      if (row.state !== 'completed') continue;
      expect(row.cells[column('throughput')].best).toBe(false);
      expect(row.cells[column('eventP50')].best).toBe(false);
    }
    const linearRow = table.rows[1];
    expect(linearRow.state === 'completed' && linearRow.cells[column('eventP50')].text).toBe('—');
  });

  it('keeps an errored run as a row carrying its error', () => {
    const errored = buildSummaryTable(loadFixture()).rows[2];
    expect(errored).toMatchObject({ keyCells: ['spark', 'linear'], state: 'errored' });
    expect(errored.state === 'errored' && errored.error).toMatch(/^ChildProcessError: run process exited/);
  });

  it('adds a results column when several results files are merged', () => {
    const a = loadFixture();
    const b = { ...loadFixture(), runId: 'second' };
    const table = buildSummaryTable([a, b]);
    expect(table.keyHeaders).toEqual(['Engine', 'Model', 'Results']);
    expect(table.rows.map((r) => r.keyCells[2])).toEqual([
      a.runId,
      a.runId,
      a.runId,
      'second',
      'second',
      'second',
    ]);
  });

  it('renders aligned terminal text with best values starred and the error inline', () => {
    const lines = renderTerminalTable(loadFixture()).split('\n');
    expect(lines[0]).toMatch(/^engine\s+model\s+throughput ev\/s\s+p50 ms/);
    expect(lines[1]).toMatch(/^-+ {2}-+/);
    expect(lines[2]).toMatch(/^flink\s+persistence\s+20,000\*/);
    expect(lines[3]).toMatch(/^flink\s+linear\s+19,999\s+117\*/);
    expect(lines[4]).toMatch(/^spark\s+linear\s+errored: ChildProcessError: run process exited/);
    expect(lines[2].indexOf('%')).toBe(lines[3].indexOf('%')); // figures right-aligned under each other
    expect(lines.at(-1)).toBe('* best in column');
  });
});

import { describe, expect, it } from 'vitest';
import type { CompletedRun } from '../../harness/results/schema.js';
import { buildSummaryTables, renderTerminalTable, type SummaryTable } from '../../reports/summary-table.js';
import { loadFixture, repeatedFixture, withRecovery } from './fixture.js';

function table(tables: SummaryTable[], id: SummaryTable['id']): SummaryTable {
  const found = tables.find((t) => t.id === id);
  if (!found) throw new Error(`no ${id} table`);
  return found;
}

function bestColumns(t: SummaryTable, row: number): string[] {
  const r = t.rows[row];
  return r.state === 'completed' ? t.columns.filter((_, i) => r.cells[i].best).map((c) => c.key) : [];
}

function cell(t: SummaryTable, row: number, key: string): string {
  const r = t.rows[row];
  const i = t.columns.findIndex((c) => c.key === key);
  return r.state === 'completed' && i >= 0 ? r.cells[i].text : 'absent';
}

describe('reports: summary tables', () => {
  it('splits the figures into a latency table and an accuracy table, leaving out columns no run has', () => {
    const tables = buildSummaryTables(loadFixture());
    expect(tables.map((t) => t.id)).toEqual(['performance', 'accuracy']); // no recovery data → no table
    const accuracy = table(tables, 'accuracy');
    expect(accuracy.columns.map((c) => c.key)).not.toContain('actionable'); // no timeliness in the fixture
    expect(table(tables, 'performance').columns.map((c) => c.key)).toEqual([
      'throughput',
      'p50',
      'p95',
      'p99',
      'p999',
      'max',
      'eventP50',
      'eventP95',
      'eventP99',
      'eventP999',
      'eventMax',
      'cpu',
    ]);
  });

  it('marks the lower latency and error, and the higher throughput, accuracy and skill, as best', () => {
    const tables = buildSummaryTables(loadFixture());
    const performance = table(tables, 'performance');
    expect(bestColumns(performance, 0)).toContain('throughput');
    expect(bestColumns(performance, 1)).toEqual(
      expect.arrayContaining(['p50', 'p99', 'max', 'eventP50', 'eventP99']),
    );
    expect(bestColumns(table(tables, 'accuracy'), 1)).toEqual(['rmse', 'mae', 'direction', 'skill']);
  });

  it('marks nothing in a column where only one run has a value or all values are equal', () => {
    const results = loadFixture();
    const [persistence, linear] = results.runs as CompletedRun[];
    linear.timing.throughputEventsPerSec = persistence.timing.throughputEventsPerSec;
    linear.timing.latency.eventTime = null;
    const performance = table(buildSummaryTables(results), 'performance');
    expect(bestColumns(performance, 0)).not.toContain('throughput');
    expect(bestColumns(performance, 0)).not.toContain('eventP50');
    expect(cell(performance, 1, 'eventP50')).toBe('—');
  });

  it('keeps an errored run as a row carrying its error', () => {
    const errored = buildSummaryTables(loadFixture())[0].rows[2];
    expect(errored).toMatchObject({ keyCells: ['spark', 'linear'], state: 'errored' });
    expect(errored.state === 'errored' && errored.error).toMatch(/^ChildProcessError: run process exited/);
  });

  it('adds a results column when several results files are merged', () => {
    const a = loadFixture();
    const b = { ...loadFixture(), runId: 'second' };
    const t = buildSummaryTables([a, b])[0];
    expect(t.keyHeaders).toEqual(['Engine', 'Model', 'Results']);
    expect(t.rows.map((r) => r.keyCells[2])).toEqual([
      a.runId,
      a.runId,
      a.runId,
      'second',
      'second',
      'second',
    ]);
  });

  it('shows the median of repetitions in one row each, with a runs column', () => {
    const tables = buildSummaryTables(repeatedFixture([1, 3, 1.2]));
    const performance = table(tables, 'performance');
    expect(performance.keyHeaders).toEqual(['Engine', 'Model', 'Runs']);
    expect(performance.rows.map((r) => r.keyCells)).toEqual([
      ['flink', 'persistence', '3'],
      ['flink', 'linear', '3'],
      ['spark', 'linear', '3'],
    ]);
    const single = table(buildSummaryTables(repeatedFixture([1.2])), 'performance');
    expect(cell(performance, 1, 'p99')).toBe(cell(single, 1, 'p99')); // the median repetition's ×1.2
  });

  it('adds a recovery table with the worst fault per run when runs have recovery data', () => {
    const recovery = table(buildSummaryTables(withRecovery(loadFixture())), 'recovery');
    expect(recovery.columns.map((c) => c.key)).toEqual([
      'detectedMs',
      'restartedMs',
      'restoredMs',
      'caughtUpMs',
    ]);
    expect(cell(recovery, 0, 'caughtUpMs')).toBe('1800');
    expect(cell(recovery, 1, 'restoredMs')).toBe('—'); // the Storm-like fault restores no state
  });

  it('renders aligned terminal text with best values starred and the error inline', () => {
    const lines = renderTerminalTable(loadFixture()).split('\n');
    expect(lines[0]).toBe('Throughput and latency');
    expect(lines[2]).toMatch(/^engine\s+model\s+throughput ev\/s\s+p50 ms/);
    expect(lines[3]).toMatch(/^-+ {2}-+/);
    expect(lines[4]).toMatch(/^flink\s+persistence\s+20,000\*/);
    expect(lines[5]).toMatch(/^flink\s+linear\s+19,999\s+117\*/);
    expect(lines[6]).toMatch(/^spark\s+linear\s+errored: ChildProcessError: run process exited/);
    expect(lines).toContain('Accuracy and delivery');
    const accuracy = lines.slice(lines.indexOf('Accuracy and delivery'));
    expect(accuracy[4].indexOf('%')).toBeGreaterThan(0);
    expect(accuracy[4].indexOf('%')).toBe(accuracy[5].indexOf('%')); // figures right-aligned under each other
    expect(lines.at(-1)).toBe('* best in column, medians across repetitions');
  });
});

/** The history folder: one entry per commit, read back oldest first, drawn by the trend chart. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { appendHistory, historyEntryOf, loadHistory } from '../../harness/history/store.js';
import { trendValues } from '../../reports/charts/trend.js';
import { reportData } from '../../reports/report-data.js';
import { repeatedFixture } from '../reports/fixture.js';

function onCommit(commit: string, startedAt: string, factors = [1, 1, 1]) {
  const results = repeatedFixture(factors, 40, `run-${commit}`);
  results.provenance.gitCommit = commit.padEnd(40, '0');
  results.provenance.startedAt = startedAt;
  return results;
}

describe('history', () => {
  it('keeps the medians across repetitions per engine × model, and the calibration', () => {
    const entry = historyEntryOf(repeatedFixture([1, 3, 1.2]));
    expect(entry.calibrationMs).toBe(40);
    expect(entry.groups.map((g) => [g.engine, g.model, g.repetitions])).toEqual([
      ['flink', 'persistence', 3],
      ['flink', 'linear', 3],
    ]); // the errored spark run has no figures
    const single = historyEntryOf(repeatedFixture([1.2]));
    expect(entry.groups[1].figures['latency.processingTime.p99']).toBeCloseTo(
      single.groups[1].figures['latency.processingTime.p99'] ?? Number.NaN,
      9,
    );
    expect(entry.groups[1].figures['accuracy.rmse']).toBeGreaterThan(0);
  });

  it('writes one file per commit (a rerun replaces it) and reads them back oldest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-history-'));
    appendHistory(dir, onCommit('bbbb', '2026-11-27T00:00:00.000Z'));
    appendHistory(dir, onCommit('aaaa', '2026-11-26T00:00:00.000Z'));
    appendHistory(dir, onCommit('bbbb', '2026-11-28T00:00:00.000Z', [2, 2, 2]));
    expect(readdirSync(dir).sort()).toEqual(['aaaa00000000.json', 'bbbb00000000.json']);
    const history = loadHistory(dir);
    expect(history.map((e) => [e.commit?.slice(0, 4), e.date])).toEqual([
      ['aaaa', '2026-11-26T00:00:00.000Z'],
      ['bbbb', '2026-11-28T00:00:00.000Z'],
    ]);
    const points = trendValues(reportData([], { history }));
    const cpu = points.filter((p) => p.run === 'flink × linear' && p.figure === 'CPU time (ms)');
    expect(cpu.map((p) => p.commit)).toEqual(['1: aaaa000', '2: bbbb000']);
    expect(cpu[1].value / cpu[0].value).toBeCloseTo(2, 6);
    expect(points.filter((p) => p.run === 'calibration')).toHaveLength(2);
  });

  it('treats a missing folder as an empty history and names a bad entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-history-'));
    expect(loadHistory(join(dir, 'absent'))).toEqual([]);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ kind: 'something else' }));
    expect(() => loadHistory(dir)).toThrow(ConfigError);
    expect(() => loadHistory(dir)).toThrow(/bad\.json is not a history entry/);
  });
});

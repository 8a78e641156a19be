/**
 * The history folder: `appendHistory` turns a results file into one entry and writes it as
 * `<commit>.json` (a rerun on the same commit replaces it, so there is one entry per commit);
 * `loadHistory` reads them back, oldest first, for the report's trend section.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deterministicFigures, TIMING_FIGURES } from '../compare/figures.js';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { groupRepetitions, median } from '../results/repetitions.js';
import type { Results } from '../results/schema.js';
import { HISTORY_SCHEMA_VERSION, HistoryEntry, type HistoryGroup } from './schema.js';

/** The entry for a results file: medians of the timing figures, the numeric deterministic figures. */
export function historyEntryOf(results: Results): HistoryEntry {
  const p = results.provenance;
  const groups = groupRepetitions(results.runs)
    .filter((g) => g.completed.length > 0)
    .map((g): HistoryGroup => {
      const first = g.completed[0];
      const figures: Record<string, number | null> = {};
      for (const f of deterministicFigures(first)) {
        const value = f.value(first);
        if (typeof value === 'number') figures[f.key] = value;
      }
      for (const f of TIMING_FIGURES) figures[f.key] = median(g.completed.map((r) => f.value(r)));
      return { engine: g.engine, model: g.model, repetitions: g.completed.length, figures };
    });
  return {
    kind: 'flinkcoin.history',
    schemaVersion: HISTORY_SCHEMA_VERSION,
    commit: p.gitCommit,
    dirty: p.gitDirty,
    date: p.startedAt,
    runId: results.runId,
    calibrationMs: p.calibration?.medianMs ?? null,
    machine: `${p.cpuModel} × ${p.cpuCount}, Node ${p.node}`,
    groups,
  };
}

/** Writes the results' entry into `dir`; returns the file written. */
export function appendHistory(dir: string, results: Results): string {
  const entry = historyEntryOf(results);
  const path = join(dir, `${entry.commit?.slice(0, 12) ?? entry.runId}.json`);
  writeFileAtomic(path, `${JSON.stringify(entry, null, 1)}\n`);
  return path;
}

/** Every entry in `dir`, oldest first; a missing folder is an empty history, a bad file an error naming it. */
export function loadHistory(dir: string): HistoryEntry[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const path = join(dir, name);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(path, 'utf8'));
      } catch (e) {
        throw new ConfigError(`cannot read history entry ${path}: ${(e as Error).message}`, 'history');
      }
      const parsed = HistoryEntry.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ConfigError(
          `${path} is not a history entry: ${issue.path.join('.')}: ${issue.message}`,
          'history',
        );
      }
      return parsed.data;
    });
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The report step of `bench`, and the `report` command: results JSON → report.html + summary.md, with
 * the regression section when a baseline is given and the trend section when a history folder is.
 */
import { join } from 'node:path';
import { comparisonTerminal } from '../../reports/regression.js';
import { renderTerminalTable } from '../../reports/summary-table.js';
import { writeReport } from '../../reports/write.js';
import type { Thresholds } from '../compare/classify.js';
import { type Comparison, compareResults } from '../compare/compare.js';
import { ConfigError } from '../errors.js';
import { loadHistory } from '../history/store.js';
import { readResultsFile } from '../results/read.js';
import type { Results } from '../results/schema.js';
import type { BenchOutcome } from '../run/bench.js';

/** Where the report's optional sections come from. */
export interface ReportSources {
  /** A baseline results file to compare the (single) results with. */
  readonly baseline?: string;
  readonly thresholds?: Thresholds;
  /** A history folder (one JSON per commit) for the trend section. */
  readonly history?: string;
}

/** What the CLI prints, and whether the comparison found a regression (the exit code's business). */
export interface ReportOutcome {
  readonly text: string;
  readonly comparison?: Comparison;
}

/** Writes the report next to the results and returns the table, the comparison and the paths. */
export async function writeBenchReport(
  outcome: BenchOutcome,
  withReport: boolean,
  sources: ReportSources = {},
): Promise<ReportOutcome> {
  const comparison = compareWith(outcome.results, sources);
  const lines = [renderTerminalTable(outcome.results), '', `results: ${outcome.resultsPath}`];
  if (withReport) {
    const history = sources.history === undefined ? [] : loadHistory(sources.history);
    await writeReport(outcome.results, join(outcome.dir, 'report.html'), { comparison, history });
    lines.push(`report:  ${join(outcome.dir, 'report.html')}`, `summary: ${join(outcome.dir, 'summary.md')}`);
  }
  if (comparison) lines.push('', comparisonTerminal(comparison));
  return { text: `${lines.join('\n')}\n`, comparison };
}

/** Reads and validates results files (merged into one report), naming the file on any problem. */
export async function reportCommand(
  files: readonly string[],
  outDir: string,
  sources: ReportSources = {},
): Promise<ReportOutcome> {
  const all = files.map(readResultsFile);
  if (all.length > 1 && sources.baseline !== undefined) {
    throw new ConfigError('--baseline compares one results file; give one, or merge first and compare each');
  }
  const comparison = compareWith(all[0], sources);
  const history = sources.history === undefined ? [] : loadHistory(sources.history);
  const htmlPath = join(outDir, 'report.html');
  await writeReport(all.length === 1 ? all[0] : all, htmlPath, { comparison, history });
  const tables = all.map((r) => renderTerminalTable(r)).join('\n\n');
  const compared = comparison ? `\n\n${comparisonTerminal(comparison)}` : '';
  return {
    text: `${tables}${compared}\n\nreport:  ${htmlPath}\nsummary: ${join(outDir, 'summary.md')}\n`,
    comparison,
  };
}

function compareWith(results: Results, sources: ReportSources): Comparison | undefined {
  return sources.baseline === undefined
    ? undefined
    : compareResults(readResultsFile(sources.baseline), results, sources.thresholds);
}

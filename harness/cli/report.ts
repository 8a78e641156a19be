/** The report step of `bench`, and the `report` command: results JSON → report.html + summary.md. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTerminalTable } from '../../reports/summary-table.js';
import { writeReport } from '../../reports/write.js';
import { ConfigError } from '../errors.js';
import { Results } from '../results/schema.js';
import type { BenchOutcome } from '../run/bench.js';

/** Writes the report next to the results and returns what the CLI prints: the table and the paths. */
export async function writeBenchReport(outcome: BenchOutcome, withReport: boolean): Promise<string> {
  const lines = [renderTerminalTable(outcome.results), '', `results: ${outcome.resultsPath}`];
  if (withReport) {
    await writeReport(outcome.results, join(outcome.dir, 'report.html'));
    lines.push(`report:  ${join(outcome.dir, 'report.html')}`, `summary: ${join(outcome.dir, 'summary.md')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Reads and validates results files (merged into one report), naming the file on any problem. */
export async function reportCommand(files: readonly string[], outDir: string): Promise<string> {
  const all = files.map((file) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`cannot read results ${file}: ${(e as Error).message}`);
    }
    const parsed = Results.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(
        `${file} is not valid FlinkCoin results: ${issue.path.join('.')}: ${issue.message}`,
      );
    }
    return parsed.data;
  });
  const htmlPath = join(outDir, 'report.html');
  await writeReport(all.length === 1 ? all[0] : all, htmlPath);
  return `${all.map((r) => renderTerminalTable(r)).join('\n\n')}\n\nreport:  ${htmlPath}\nsummary: ${join(outDir, 'summary.md')}\n`;
}

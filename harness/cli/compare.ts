/**
 * `flinkcoin compare BASELINE.json CURRENT.json`: the regression check on two saved results. Prints the
 * comparison; with `--out DIR` also writes the current results' report with the regression section, and
 * summary.md with the same section for a CI job summary. The exit code (set by the CLI) is 1 when any
 * figure is a regression.
 */
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { comparisonTerminal } from '../../reports/regression.js';
import { writeReport } from '../../reports/write.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../compare/classify.js';
import { compareResults } from '../compare/compare.js';
import { readResultsFile } from '../results/read.js';
import type { ReportOutcome } from './report.js';

export interface CompareOptions {
  readonly out?: string;
  readonly noise?: number;
  readonly failRatio?: number;
}

/** The thresholds with the command line's overrides. */
export function thresholdsOf(opts: { noise?: number; failRatio?: number }): Thresholds {
  return {
    ...DEFAULT_THRESHOLDS,
    ...(opts.noise === undefined ? {} : { noise: opts.noise }),
    ...(opts.failRatio === undefined ? {} : { timingFailRatio: opts.failRatio }),
  };
}

export async function compareCommand(
  baselineFile: string,
  currentFile: string,
  opts: CompareOptions,
): Promise<ReportOutcome> {
  const current = readResultsFile(currentFile);
  const comparison = compareResults(readResultsFile(baselineFile), current, thresholdsOf(opts));
  const lines = [comparisonTerminal(comparison)];
  if (opts.out !== undefined) {
    await writeReport(current, join(opts.out, 'report.html'), { comparison });
    lines.push('', `report:  ${join(opts.out, 'report.html')}`, `summary: ${join(opts.out, 'summary.md')}`);
  }
  return { text: `${lines.join('\n')}\n`, comparison };
}

const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError(`${name} must be a positive number`);
  return n;
};

/** The threshold options of the commands that compare with a baseline (bench, report, compare). */
export function withCompareOptions(command: Command): Command {
  return command
    .option('--noise <fraction>', 'timing changes within ±this are noise (default 0.1)', positive('--noise'))
    .option(
      '--fail-ratio <x>',
      'a timing regression fails when its whole 95% interval is beyond this slowdown (default 1.1)',
      positive('--fail-ratio'),
    );
}

/** Registers `flinkcoin compare`; the exit code is 1 when a figure is a regression. */
export function addCompareCommand(program: Command): void {
  withCompareOptions(
    program
      .command('compare')
      .description('Classify every figure of CURRENT against BASELINE as better, same, worse or noise')
      .argument('<baseline>', 'baseline results.json')
      .argument('<current>', 'current results.json')
      .option('-o, --out <dir>', 'also write report.html and summary.md with the regression section here'),
  ).action(async (baseline: string, current: string, opts: CompareOptions) => {
    const { text, comparison } = await compareCommand(baseline, current, opts);
    process.stdout.write(text);
    if ((comparison?.regressions ?? 0) > 0) process.exitCode = 1;
  });
}

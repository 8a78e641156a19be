/**
 * `npm run bench:ci`: the CI regression check. Runs the CI profile (harness/ci/profile.ts), compares it
 * with the committed baseline, appends the run to the history folder, writes the report (with the
 * regression and trend sections) and, on GitHub Actions, the Markdown summary to the job summary.
 * Exits 1 on a regression, 2 on bad input (no baseline, bad file).
 *
 *   npm run bench:ci                                   compare with baselines/ci.json
 *   npm run bench:ci -- --update-baseline              make this run the baseline (after an intended change)
 *   npm run bench:ci -- [--baseline FILE] [--history DIR] [--repeat N] [--fail-ratio X] [--no-history]
 *
 * Engines or models missing from the baseline are skipped with a note, so adding an engine does not fail
 * CI until the baseline is regenerated.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { Subject } from 'rxjs';
import { comparisonTerminal } from '../../reports/regression.js';
import { renderTerminalTable } from '../../reports/summary-table.js';
import { writeReport } from '../../reports/write.js';
import { CI_BASELINE, CI_HISTORY, CI_OUT, CI_REPEAT, CI_THRESHOLDS, ciConfig } from '../ci/profile.js';
import { compareResults } from '../compare/compare.js';
import { ConfigError, FlinkCoinError } from '../errors.js';
import { appendHistory, loadHistory } from '../history/store.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { readResultsFile } from '../results/read.js';
import { slimResults } from '../results/slim.js';
import { type BenchEvent, bench } from '../run/bench.js';
import { renderProgress } from './progress.js';

interface CiOptions {
  baseline: string;
  history: string | false;
  repeat: number;
  failRatio: number;
  out: string;
  updateBaseline?: boolean;
}

async function benchCi(opts: CiOptions): Promise<number> {
  const started = performance.now();
  if (!opts.updateBaseline && !existsSync(opts.baseline)) {
    throw new ConfigError(
      `no baseline at ${opts.baseline}: make one with npm run bench:ci -- --update-baseline`,
    );
  }
  const events = new Subject<BenchEvent>();
  renderProgress(events);
  const { results, dir, resultsPath } = await bench(
    ciConfig(opts.out),
    'npm run bench:ci',
    events,
    undefined,
    {
      repeat: opts.repeat,
    },
  );
  const comparison = opts.updateBaseline
    ? undefined
    : compareResults(readResultsFile(opts.baseline), results, {
        ...CI_THRESHOLDS,
        timingFailRatio: opts.failRatio,
      });
  if (opts.updateBaseline)
    writeFileAtomic(opts.baseline, `${JSON.stringify(slimResults(results), null, 1)}\n`);
  const historyPath = opts.history === false ? null : appendHistory(opts.history, results);
  const history = opts.history === false ? [] : loadHistory(opts.history);
  const { markdown } = await writeReport(results, join(dir, 'report.html'), { comparison, history });
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const lines = [
    renderTerminalTable(results),
    '',
    comparison ? comparisonTerminal(comparison) : `baseline written: ${opts.baseline}`,
    '',
    `results: ${resultsPath}`,
    `report:  ${join(dir, 'report.html')}`,
    ...(historyPath ? [`history: ${historyPath} (${history.length} entries)`] : []),
    `bench:ci took ${seconds} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const errored = results.runs.some((r) => r.state === 'errored');
  return errored || (comparison?.regressions ?? 0) > 0 ? 1 : 0;
}

const program = new Command('bench:ci')
  .description('Run the CI benchmark profile and compare it with the committed baseline')
  .option('--baseline <file>', 'baseline results JSON', CI_BASELINE)
  .option('--update-baseline', 'write this run as the baseline instead of comparing with it')
  .option('--history <dir>', 'history folder: one JSON per commit, drawn as the trend', CI_HISTORY)
  .option('--no-history', 'neither append to nor draw the history')
  .option('--repeat <n>', 'repetitions of each engine', (v) => Number.parseInt(v, 10), CI_REPEAT)
  .option(
    '--fail-ratio <x>',
    'timing slowdown that fails, after calibration',
    Number,
    CI_THRESHOLDS.timingFailRatio,
  )
  .option('--out <dir>', 'where the run folder goes', CI_OUT)
  .exitOverride();

try {
  await program.parseAsync(process.argv);
  process.exitCode = await benchCi(program.opts<CiOptions>());
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof FlinkCoinError) {
    process.stderr.write(`bench:ci: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}

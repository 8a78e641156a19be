/**
 * `npm run bench:report`: how long the report takes to generate (HTML with every chart rendered to
 * static SVG, Markdown summary, written to disk) for a results file, by default the newest full run in
 * results/. The target is under 2 s for a full default run (`npm run bench`: every engine × model);
 * tinybench, 2 warm-up and 7 measured iterations, median quoted.
 *
 *   npm run bench:report -- [RESULTS.json] [--history DIR] [--baseline FILE]
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { writeReport } from '../../reports/write.js';
import { compareResults } from '../compare/compare.js';
import { ConfigError } from '../errors.js';
import { loadHistory } from '../history/store.js';
import { readResultsFile } from '../results/read.js';

const TARGET_MS = 2000;

/** The newest results.json under results/ (run folders are named by their start time). */
function newestResults(): string {
  const runs = existsSync('results')
    ? readdirSync('results').filter((d) => existsSync(join('results', d, 'results.json')))
    : [];
  const newest = runs.sort().at(-1);
  if (newest === undefined)
    throw new ConfigError('no results/*/results.json: run `npm run bench` first, or pass a file');
  return join('results', newest, 'results.json');
}

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { history: { type: 'string' }, baseline: { type: 'string' } },
});
const file = positionals[0] ?? newestResults();
const results = readResultsFile(file);
const history = args.history === undefined ? [] : loadHistory(args.history);
const comparison =
  args.baseline === undefined ? undefined : compareResults(readResultsFile(args.baseline), results);
const out = join(mkdtempSync(join(tmpdir(), 'flinkcoin-report-bench-')), 'report.html');
const engines = new Set(results.runs.map((r) => r.engine)).size;
const models = new Set(results.runs.map((r) => r.model)).size;
process.stderr.write(`${file}: ${results.runs.length} runs (${engines} engines × ${models} models)\n`);

const bench = new Bench({ iterations: 7, time: 0, warmupIterations: 2, warmupTime: 0, throws: true });
bench.add('writeReport', async () => {
  await writeReport(results, out, { comparison, history });
});
await bench.run();

const task = bench.tasks[0];
if (task.result.state !== 'completed') throw new Error(`benchmark ${task.name} did not complete`);
const { p50, min, max } = task.result.latency;
const verdict = p50 < TARGET_MS ? 'within' : 'OVER';
process.stdout.write(
  `report generation: median ${p50.toFixed(0)} ms (min ${min.toFixed(0)}, max ${max.toFixed(0)}, ${task.result.latency.samplesCount} runs); ${verdict} the ${TARGET_MS} ms target\n`,
);

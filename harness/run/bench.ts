/**
 * `flinkcoin bench`: every selected engine × model, one after another, each in a fresh process by
 * default; then one validated results JSON, written atomically. Progress is an RxJS stream of
 * BenchEvents that the CLI renders (and tests can observe).
 */
import { join } from 'node:path';
import { Subject } from 'rxjs';
import type { RunConfig } from '../config/schema.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { collectProvenance } from '../results/provenance.js';
import { RESULTS_SCHEMA_VERSION, Results, type RunResult } from '../results/schema.js';
import { runInFreshProcess } from './fork.js';
import { describeInput } from './inputs.js';
import { runOne } from './run-one.js';

export const DISCLAIMER =
  'The engines here emulate the execution models of Apache Flink, Apache Spark, Apache Storm and Naiad ' +
  "in one Node.js process; they are not those systems, and their figures are not those systems' figures.";

export type BenchEvent =
  | { type: 'run-start'; engine: string; model: string; index: number; total: number; expectedEvents: number }
  | { type: 'progress'; engine: string; model: string; ingested: number }
  | { type: 'run-end'; result: RunResult };

export interface BenchOutcome {
  readonly results: Results;
  readonly dir: string;
  readonly resultsPath: string;
}

export async function bench(
  config: RunConfig,
  command: string,
  events = new Subject<BenchEvent>(),
): Promise<BenchOutcome> {
  const startedAt = new Date();
  const runId = startedAt.toISOString().replace(/[:.]/g, '-');
  const pairs = config.engines.flatMap((engine) => config.models.map((model) => ({ engine, model })));
  const runs: RunResult[] = [];
  for (const [index, { engine, model }] of pairs.entries()) {
    const expectedEvents = config.data.generator.messages;
    events.next({ type: 'run-start', engine, model, index, total: pairs.length, expectedEvents });
    const progress = (ingested: number) => events.next({ type: 'progress', engine, model, ingested });
    const result =
      config.isolation === 'fresh-process'
        ? await runInFreshProcess(config, engine, model, progress)
        : await runOne(config, engine, model, { process: 'in-process', onProgress: progress });
    runs.push(result);
    events.next({ type: 'run-end', result });
  }
  events.complete();
  const results = Results.parse({
    kind: 'flinkcoin.results',
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId,
    provenance: collectProvenance(command, startedAt),
    config,
    dataset: describeInput(config),
    disclaimer: DISCLAIMER,
    runs,
  });
  const dir = join(config.outDir, runId);
  const resultsPath = join(dir, 'results.json');
  writeFileAtomic(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  return { results, dir, resultsPath };
}

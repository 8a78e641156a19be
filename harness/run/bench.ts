/**
 * `flinkcoin bench`: every selected engine × model, one after another, each in a fresh process by
 * default, `repeat` times; then one validated results JSON, written atomically. Progress is an RxJS
 * stream of BenchEvents that the CLI renders (and tests can observe).
 *
 * Repetitions are interleaved (all runs once, then all again), as asv's rounds: a slow spell of the
 * machine then lands on one repetition of every engine instead of on every repetition of one engine.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import type { RunConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { runFaulty } from '../faults/faulty-run.js';
import { referenceOutputs } from '../faults/reference-run.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { measureCalibration } from '../results/calibration.js';
import { collectProvenance } from '../results/provenance.js';
import { RESULTS_SCHEMA_VERSION, Results, type RunResult, type SweepPoint } from '../results/schema.js';
import { runInFreshProcess } from './fork.js';
import { describeInput } from './inputs.js';
import { runOne } from './run-one.js';

export const DISCLAIMER =
  'The engines here emulate the execution models of Apache Flink, Apache Spark, Apache Storm and Naiad ' +
  "in one Node.js process; they are not those systems, and their figures are not those systems' figures.";

export type BenchEvent =
  | {
      type: 'run-start';
      engine: string;
      model: string;
      index: number;
      total: number;
      repetition: number;
      /** Null when the input's length is not known up front (a recording). */
      expectedEvents: number | null;
    }
  | { type: 'progress'; engine: string; model: string; ingested: number }
  | { type: 'run-end'; result: RunResult };

/** One run to make: an engine × model under a config (a sweep varies the config per run). */
export interface RunSpec {
  readonly engine: string;
  readonly model: string;
  readonly config: RunConfig;
  readonly variant?: SweepPoint;
}

/** The default plan of a bench: every selected engine × model under the one config. */
export function engineModelPairs(config: RunConfig): RunSpec[] {
  return config.engines.flatMap((engine) => config.models.map((model) => ({ engine, model, config })));
}

export interface BenchOptions {
  /** Runs of each spec (default 1); every repetition is kept in the results, with its index. */
  readonly repeat?: number;
}

export interface BenchOutcome {
  readonly results: Results;
  readonly dir: string;
  readonly resultsPath: string;
}

export async function bench(
  config: RunConfig,
  command: string,
  events = new Subject<BenchEvent>(),
  specs: readonly RunSpec[] = engineModelPairs(config),
  options: BenchOptions = {},
): Promise<BenchOutcome> {
  const repeat = options.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1)
    throw new ConfigError(`repeat must be ≥ 1, got ${repeat}`, 'repeat');
  const startedAt = new Date();
  const runId = startedAt.toISOString().replace(/[:.]/g, '-');
  const calibration = measureCalibration();
  const runs: RunResult[] = [];
  const total = specs.length * repeat;
  // A fault run's oracle: the failure-free outputs per model, computed once (they are engine-independent).
  const references = new Map<string, ReturnType<typeof referenceOutputs>>();
  const faultRun = async (spec: RunSpec, id: string, repetition: number, progress: (n: number) => void) => {
    const key = `${spec.model}\u0000${JSON.stringify(spec.config.data)}`;
    if (!references.has(key)) references.set(key, referenceOutputs(spec.config, spec.model));
    return runFaulty(spec.config, spec.engine, spec.model, {
      plan: spec.config.faults!,
      reference: references.get(key)!,
      runDir: join(spec.config.outDir, id, 'fault-runs', `${spec.engine}-${spec.model}-${repetition}`),
      onProgress: progress,
    });
  };
  for (let repetition = 0; repetition < repeat; repetition++) {
    for (const [i, spec] of specs.entries()) {
      const { engine, variant } = spec;
      const model = variant ? `${spec.model} [${variant.label}]` : spec.model;
      const expectedEvents = config.data.source === 'generator' ? config.data.generator.messages : null;
      const index = repetition * specs.length + i;
      events.next({ type: 'run-start', engine, model, index, total, repetition, expectedEvents });
      const progress = (ingested: number) => events.next({ type: 'progress', engine, model, ingested });
      const outcome = spec.config.faults
        ? await faultRun(spec, runId, repetition, progress)
        : spec.config.isolation === 'fresh-process'
          ? await runInFreshProcess(spec.config, engine, spec.model, progress, variant)
          : await runOne(spec.config, engine, spec.model, {
              process: 'in-process',
              onProgress: progress,
              variant,
            });
      const result: RunResult = { ...outcome, repetition };
      runs.push(result);
      events.next({ type: 'run-end', result });
    }
  }
  events.complete();
  // Each fault run removed its own folder (input log, state, outputs); their parent goes too.
  rmSync(join(config.outDir, runId, 'fault-runs'), { recursive: true, force: true });
  const results = Results.parse({
    kind: 'flinkcoin.results',
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId,
    provenance: { ...collectProvenance(command, startedAt), calibration },
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

/**
 * A child process that runs the crypto predictor on one engine with a stateDir, delivering to
 * file-backed transaction logs (transaction-log.ts), so a test can SIGKILL it mid-run and start another
 * on the same stateDir, as the fault supervisor's worker is killed and restarted. Forked with tsx
 * (forkResumableWorker); the input is the seeded generator, so every process reads the same events.
 *
 *   parent → child  { type: 'start', ...WorkerJob }
 *   child → parent  { type: 'delivered', output, kind, records }   after each delivery is on disk
 *                   { type: 'restored', id }                       the engine's stateRestored
 *                   { type: 'done', metrics }                      then the child exits
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GeneratorInput } from '../../datasets/generator/input.js';
import type { Engine } from '../../engines/contract.js';
import { sparkEngine } from '../../engines/spark/engine.js';
import { stormEngine } from '../../engines/storm/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource, type Pacing } from '../../harness/driver/open-loop-source.js';
import { workload } from '../../workloads/registry.js';
import { transactionLog } from './transaction-log.js';

const ENGINES: Record<string, Engine> = { spark: sparkEngine, storm: stormEngine };
export const OUTPUTS = ['features', 'predictions', 'scored'] as const;

/** What one worker runs. */
export interface WorkerJob {
  readonly engine: string;
  readonly stateDir: string;
  /** Where the sinks' files go: `<outDir>/<output>.jsonl`. */
  readonly outDir: string;
  readonly generator: { messages: number; messagesPerSecond: number; seed: number };
  readonly pacing: Pacing;
  readonly knobs: Record<string, unknown>;
}

export type WorkerMessage =
  | { type: 'delivered'; output: string; kind: 'commit' | 'recommit' | 'write'; records: number }
  | { type: 'restored'; id: number | null }
  | { type: 'done'; metrics: Record<string, number> };

/** The job's plan and source, the same in every process and in the test's own failure-free run. */
export function cryptoJob(job: Pick<WorkerJob, 'generator' | 'pacing'>) {
  return {
    plan: workload('crypto-predictor').build({}, 'linear', job.generator.seed),
    sources: {
      market: [new OpenLoopSource(new GeneratorInput(job.generator), job.pacing, systemClock.now())],
    },
    clock: systemClock,
  };
}

/** Forks a worker running `job`; `onMessage` sees its messages; resolves with how it exited. */
export function forkResumableWorker(job: WorkerJob, onMessage: (m: WorkerMessage, kill: () => void) => void) {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const kill = () => child.kill('SIGKILL');
  child.on('message', (m: WorkerMessage) => onMessage(m, kill));
  child.send({ type: 'start', ...job });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
}

async function main(job: WorkerJob): Promise<void> {
  const send = (m: WorkerMessage) => process.send?.(m);
  const sinks = Object.fromEntries(
    OUTPUTS.map((output) => [
      output,
      transactionLog(join(job.outDir, `${output}.jsonl`), (kind, records) =>
        send({ type: 'delivered', output, kind, records }),
      ),
    ]),
  );
  const report = await ENGINES[job.engine]!.run({
    ...cryptoJob(job),
    sinks,
    config: job.knobs,
    stateDir: job.stateDir,
    recovery: { stateRestored: (_at, id) => send({ type: 'restored', id }) },
  });
  process.send?.({ type: 'done', metrics: report.metrics }, () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', (m: { type: 'start' } & WorkerJob) => {
    main(m).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  });
}

/**
 * Runs one engine × model in a fresh Node process, so no engine is measured on JIT state another left
 * behind (measured on this machine class: up to 2.4× apart). A child that dies without a result
 * becomes an errored run that says how it died.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunConfig } from '../config/schema.js';
import type { RunResult, SweepPoint } from '../results/schema.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export function runInFreshProcess(
  config: RunConfig,
  engine: string,
  model: string,
  onProgress: (ingested: number) => void,
  variant?: SweepPoint,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = fork(CHILD, [], {
      // tsx by absolute URL: the user's working directory need not be the project's.
      execArgv: ['--import', import.meta.resolve('tsx'), '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: RunResult | null = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, config.runTimeoutMs);
    child.on('message', (m: { type: string; ingested?: number; result?: RunResult }) => {
      if (m.type === 'progress') onProgress(m.ingested ?? 0);
      else if (m.type === 'result') result = m.result ?? null;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const message = timedOut
        ? `run did not finish within runTimeoutMs = ${config.runTimeoutMs} ms and was killed`
        : `run process exited (code ${code}, signal ${signal}) without a result`;
      resolve(
        result ?? {
          engine,
          model,
          workload: config.workload,
          process: 'fresh-process',
          engineConfig: config.engine[engine] ?? {},
          ...(variant ? { variant } : {}),
          state: 'errored',
          error: { name: timedOut ? 'RunTimeoutError' : 'ChildProcessError', message },
        },
      );
    });
    child.send({ type: 'start', config, engine, model, variant });
  });
}

/**
 * Runs the exactly-once job in a child process (test/helpers/exactly-once-child.ts, with tsx, as
 * harness/run/fork.ts forks a run) and SIGKILLs it mid-run, `kills` times, each after the process has
 * committed something new (so it is caught between checkpoints, with state and outputs on disk) plus a
 * delay; then runs it once more to the end. Every process shares the state directory and the outputs.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildArgs, ChildReport } from './exactly-once-child.js';
import { SINKS } from './exactly-once-job.js';

const CHILD = fileURLToPath(new URL('./exactly-once-child.ts', import.meta.url));

export interface KillAndResume {
  /** Processes killed while still running (a kill that came after the end would not count). */
  killed: number;
  /** The report of the process that finished. */
  report: ChildReport;
}

function start(args: ChildArgs): { child: ChildProcess; exited: Promise<number | null> } {
  const child = fork(CHILD, [JSON.stringify(args)], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited };
}

/** Transactions committed so far, over every sink. */
function committedCount(outDir: string): number {
  let n = 0;
  for (const sink of SINKS) {
    const dir = join(outDir, sink);
    if (existsSync(dir)) n += readdirSync(dir).filter((f) => f.endsWith('.json')).length;
  }
  return n;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function killAndResume(
  args: Omit<ChildArgs, 'reportFile'>,
  killDelaysMs: readonly number[],
): Promise<KillAndResume> {
  const reportFile = join(args.stateDir, '..', 'report.json');
  let killed = 0;
  for (const delay of killDelaysMs) {
    const before = committedCount(args.outDir);
    const { child, exited } = start({ ...args, reportFile });
    let done = false;
    void exited.then(() => {
      done = true;
    });
    // Until this process has committed a transaction of its own, then the delay.
    for (let waited = 0; !done && committedCount(args.outDir) <= before && waited < 30_000; waited += 10) {
      await sleep(10);
    }
    await sleep(delay);
    if (!done && child.kill('SIGKILL')) killed++;
    await exited;
  }
  const last = start({ ...args, reportFile });
  const code = await last.exited;
  if (code !== 0 || !existsSync(reportFile)) throw new Error(`the last worker exited with code ${code}`);
  return { killed, report: JSON.parse(readFileSync(reportFile, 'utf8')) as ChildReport };
}

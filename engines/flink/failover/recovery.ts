/**
 * What a restart does between two deployments (Flink's failover of the whole job: with pipelined,
 * all-to-all edges the failover region is the job):
 *
 *   failed attempt ─cancel─▶ wait for its tasks to stop (pending sink writes settle)
 *                  ─count──▶ outputs written since the newest completed checkpoint: the replay writes
 *                            them again (duplicates at a non-transactional sink)
 *                  ─backoff─▶ sleep as the restart strategy says (abortable)
 *   new attempt    ─restore─▶ each subtask's state from that checkpoint, each source reader sought to
 *                             its position; with no completed checkpoint, every reader back to its start
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FlinkCoinError } from '../../../harness/errors.js';
import type { JobSpec, SourcePosition, SourceReader } from '../../contract.js';
import type { CompletedCheckpoint } from '../checkpoint/snapshot.js';
import { SinkLink } from '../operators/sink.js';
import type { Task } from '../runtime/task.js';

/** Waits until no task of the failed attempt has a sink write in flight. */
export async function cancelTasks(tasks: readonly Task[]): Promise<void> {
  await Promise.all(tasks.map((t) => t.stalledOn).filter((p): p is Promise<void> => p !== null));
}

/**
 * Waits for the sinks' commits still in flight at the end of a deployment; throws the first that failed
 * (the deployment then fails over like any task failure).
 */
export async function settleCommits(tasks: readonly Task[]): Promise<void> {
  await cancelTasks(tasks);
  for (const task of tasks) if (task.failure !== null) throw task.failure;
}

/** Outputs the failed attempt's sinks wrote after `checkpoint` (all of them when there is none). */
export function outputsSince(checkpoint: CompletedCheckpoint | null, tasks: readonly Task[]): number {
  let n = 0;
  for (const task of tasks) {
    for (const [name, operator] of task.operators) {
      if (!(operator instanceof SinkLink)) continue;
      const saved = checkpoint?.tasks[task.name]?.operators[name] as { written: number } | undefined;
      n += operator.written - (saved?.written ?? 0);
    }
  }
  return n;
}

/**
 * Sleeps the restart backoff, by the job's clock (a timer may fire a fraction of a millisecond early);
 * the abort signal cuts it short and fails the run.
 */
export async function backoff(ms: number, job: JobSpec): Promise<void> {
  const until = job.clock.now() + ms;
  try {
    for (let left = ms; left > 0; left = until - job.clock.now()) {
      await sleep(Math.ceil(left), undefined, { signal: job.signal });
    }
  } catch (error) {
    throw new FlinkCoinError('run aborted', { cause: job.signal?.reason ?? error });
  }
}

/** Where every reader was when the run started: a restart without a checkpoint begins there again. */
export class StartPositions {
  private readonly positions: [SourceReader, SourcePosition][];

  constructor(job: JobSpec) {
    this.positions = Object.values(job.sources)
      .flat()
      .map((r) => [r, r.position()]);
  }

  rewind(): void {
    for (const [reader, position] of this.positions) reader.seek(position);
  }
}

/** Gives a fresh deployment the state of `checkpoint`, or rewinds the sources when there is none. */
export function restore(
  tasks: readonly Task[],
  checkpoint: CompletedCheckpoint | null,
  start: StartPositions,
): void {
  if (checkpoint === null) {
    start.rewind();
    return;
  }
  const deployed = new Set(tasks.map((t) => t.name));
  for (const name of Object.keys(checkpoint.tasks)) {
    if (!deployed.has(name))
      throw new Error(`checkpoint ${checkpoint.id} has state for unknown subtask ${name}`);
  }
  for (const task of tasks) {
    const snapshot = checkpoint.tasks[task.name];
    if (snapshot === undefined) throw new Error(`checkpoint ${checkpoint.id} has no state for ${task.name}`);
    task.restoreState(snapshot);
  }
}

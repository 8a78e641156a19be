/**
 * How a Flink-style job fails: a task fails (here: the injected fault, or anything a user function or
 * sink throws), and if the restart strategy gives up, the job fails with that task failure as its cause
 * (Flink's JobExecutionException).
 */
import { FlinkCoinError } from '../../../harness/errors.js';

/** The injected fault (`failAtEvent`): a task died at source record N. Retriable: a restart recovers. */
export class TaskFailure extends FlinkCoinError {
  constructor(readonly atEvent: number) {
    super(`injected task failure at source record ${atEvent}`, { retriable: true });
  }
}

/** The job failed for good: restarts were off or used up. `cause` is the task failure. */
export class JobExecutionError extends FlinkCoinError {
  constructor(
    readonly restarts: number,
    cause: Error,
  ) {
    super(`job failed after ${restarts} restart(s): ${cause.message}`, { cause });
  }
}

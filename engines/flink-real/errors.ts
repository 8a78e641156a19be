/** The real Flink job failed to build, start, run or stop: what happened, and the log to read. */
import { FlinkCoinError } from '../../harness/errors.js';

export class FlinkJobError extends FlinkCoinError {
  constructor(
    message: string,
    /** The JVM's or the build's log, when there is one. */
    readonly log?: string,
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(log === undefined ? message : `${message} (log: ${log})`, options);
  }
}

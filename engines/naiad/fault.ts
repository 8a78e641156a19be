/**
 * The fault hook (`failAtEvent`): a stand-in for a crashed process until the failure-injection issue
 * generalises it. The operators fed directly by an input count the records they receive, across all
 * workers and including replays; when the count reaches N, the worker fails right after the operator's
 * onRecv of the message holding event N — mid-step, so the progress of that step is never sent. It
 * fires once per run.
 *
 * With `checkpoint.everyEpochs` set the engine answers as Naiad does — every worker rolls back to the
 * last global checkpoint and the inputs replay from there; without it, as Rust timely, the computation
 * is lost and `run()` rejects.
 */
import { FlinkCoinError } from '../../harness/errors.js';

/** A worker process died (injected). Retriable: a rollback to a checkpoint recovers from it. */
export class WorkerFailure extends FlinkCoinError {
  constructor(readonly atEvent: number) {
    super(`injected worker failure at input event ${atEvent}`, { retriable: true });
  }
}

/** The `failAtEvent` hook: counts input records delivered and fails a worker once at event N. */
export class FaultInjector {
  private seen = 0;
  private armed: boolean;

  constructor(private readonly failAtEvent: number | undefined) {
    this.armed = failAtEvent !== undefined;
  }

  /** Counts n records just received; throws WorkerFailure when event N was among them. */
  onRecords(n: number): void {
    this.seen += n;
    if (this.armed && this.seen >= this.failAtEvent!) {
      this.armed = false;
      throw new WorkerFailure(this.failAtEvent!);
    }
  }
}

/**
 * The fault hook (`failAtEvent`), until the failure-injection issue generalises it: the operators fed
 * directly by a source count the source records reaching them, over all subtasks and attempts, and the
 * one that receives record N throws a TaskFailure before processing it. It fires once per run, since
 * the count only grows. Installed only when the knob is set, so it costs nothing otherwise.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { Link } from '../operators/link.js';
import type { RecordHandler } from '../runtime/subtask.js';
import { TaskFailure } from './errors.js';

/** One per run, shared by every deployment, so the count spans restarts. */
export class FaultInjector {
  private seen = 0;

  constructor(private readonly failAtEvent: number) {}

  /** Counts one source record; throws when it is record N. */
  onSourceRecord(): void {
    if (++this.seen === this.failAtEvent) throw new TaskFailure(this.failAtEvent);
  }

  /** A network input handler that counts before handing the record on. */
  handler(next: RecordHandler): RecordHandler {
    return (value, ts, createdAt, ingestedAt) => {
      this.onSourceRecord();
      next(value, ts, createdAt, ingestedAt);
    };
  }

  /** A chained link that counts before handing the record on. */
  link(next: Link): Link {
    return new FaultLink(this, next);
  }
}

class FaultLink implements Link {
  constructor(
    private readonly faults: FaultInjector,
    private readonly next: Link,
  ) {}

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.faults.onSourceRecord();
    this.next.process(value, ts, createdAt, ingestedAt);
  }
  watermark(wm: Millis): void {
    this.next.watermark(wm);
  }
  finish(): void {
    this.next.finish();
  }
}

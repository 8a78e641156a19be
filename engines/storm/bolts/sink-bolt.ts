/**
 * A sink node as a bolt: hands each tuple to the harness's SinkWriter with its deterministic id. A
 * writer that returns a promise stalls the executors of this sink (its tasks share the writer) until it
 * settles; the tuple is acked (or failed, under fault injection) only then, as a Storm bolt writing to an
 * external system acks in the write's callback.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { SinkWriter } from '../../contract.js';
import type { OutputCollector } from '../output-collector.js';
import type { Bolt } from './bolt.js';

/** One task of a sink node. */
export class SinkBolt implements Bolt {
  readonly state = null;

  constructor(
    private readonly writer: SinkWriter,
    private readonly idOf: (value: unknown) => string,
    private readonly collector: OutputCollector,
    private readonly stall: (until: Promise<void>) => void,
  ) {}

  execute(_input: number, value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    const pending = this.writer.write(this.idOf(value), value, ts, createdAt, ingestedAt);
    if (pending === undefined) return;
    const c = this.collector;
    c.held = true;
    const { anchor, idHi, idLo, failing, acker } = c;
    this.stall(
      pending.then(() => {
        if (failing) acker.fail(anchor);
        else acker.ack(anchor, idHi, idLo, 0, 0);
      }),
    );
  }

  onWatermark(): boolean {
    return true;
  }
}

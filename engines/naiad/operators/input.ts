/**
 * An input vertex on one worker: reads its share of the source's splits (split i on worker i mod peers)
 * and sends each record at its epoch. Each split is an input handle holding one capability, its open
 * epoch (timely's `InputHandle`, Naiad's input vertex pointstamp):
 *
 *   watermark = max event time seen − maxOutOfOrdernessMs − 1      (Flink's bounded out-of-orderness)
 *   advance_to(epochOf(watermark + 1))   once the watermark passes an epoch's last millisecond
 *   end of split → the capability is dropped ("+∞": every epoch closes, every notification follows)
 *
 * A record is sent at max(epochOf(ts), open epoch): an input can only send at times it holds, so a
 * record whose epoch is already closed goes out at the open epoch (counted in `recordsBehindEpoch`) and
 * keyed state still sees it in arrival order; a window whose epoch has closed counts it as
 * `window.lateDropped` — which for windows on epoch boundaries is exactly Flink's rule
 * (end − 1 ≤ watermark when it arrives).
 *
 * Costs per record: one division, two comparisons, one push; per epoch: two progress changes.
 */
import type { Emit, SourceReader } from '../../contract.js';
import type { Message } from '../dataflow/message.js';
import type { Operator, OperatorContext } from '../dataflow/operator.js';
import type { Pusher } from '../dataflow/pusher.js';
import type { EpochPolicy } from '../epochs.js';
import type { NaiadStats } from '../stats.js';

/** The epoch a handle opens with: before any event time (timely starts inputs at the minimum time). */
const BEFORE_DATA = Number.MIN_SAFE_INTEGER;

interface Handle {
  readonly reader: SourceReader;
  epoch: number;
  maxTs: number;
  /** maxTs at which the watermark passes the open epoch. */
  advanceAt: number;
  done: boolean;
  idleUntil: number;
}

/** A handle's part of a checkpoint. */
interface HandleState {
  position: ReturnType<SourceReader['position']>;
  epoch: number;
  maxTs: number;
  done: boolean;
}

/** A source's input vertex on one worker: reads its splits and advances their epochs. */
export class InputOperator implements Operator {
  private readonly handles: Handle[];
  private readonly out: Pusher;
  private current!: Handle;
  private sessionEpoch = Number.NaN;
  private now = 0;
  private readonly emit: Emit<unknown>;

  constructor(
    private readonly ctx: OperatorContext,
    readers: readonly SourceReader[],
    private readonly boundMs: number,
    private readonly epochs: EpochPolicy,
    private readonly batchSize: number,
    /** False while a sink is stalled or a checkpoint drains the dataflow: the input then waits. */
    private readonly mayRead: () => boolean,
    private readonly stats: NaiadStats,
  ) {
    this.out = ctx.outputs[0];
    this.handles = readers.map((reader) => ({
      reader,
      epoch: BEFORE_DATA,
      maxTs: Number.NEGATIVE_INFINITY,
      advanceAt: Number.NEGATIVE_INFINITY,
      done: false,
      idleUntil: 0,
    }));
    for (const h of this.handles) {
      ctx.hold(epochs.time(h.epoch), 1);
      this.setAdvanceAt(h);
    }
    this.emit = (value, ts, createdAt) => this.send(value, ts, createdAt);
  }

  /** The earliest wall time an idle handle has records due, or +∞. */
  get idleUntil(): number {
    let until = Number.POSITIVE_INFINITY;
    for (const h of this.handles) if (!h.done && h.idleUntil < until) until = h.idleUntil;
    return until;
  }

  schedule(now: number): boolean {
    if (!this.mayRead()) return false;
    this.now = now;
    let worked = false;
    for (const h of this.handles) {
      if (h.done || now < h.idleUntil) continue;
      this.current = h;
      const result = h.reader.poll(now, this.batchSize, this.emit);
      if (result.kind === 'records') {
        this.stats.eventsIngested += result.n;
        worked ||= result.n > 0;
      } else if (result.kind === 'idle') {
        h.idleUntil = result.until;
      } else {
        h.done = true;
        this.ctx.hold(this.epochs.time(h.epoch), -1);
        worked = true;
      }
    }
    this.sessionEpoch = Number.NaN;
    return worked;
  }

  private send(value: unknown, ts: number, createdAt: number): void {
    const h = this.current;
    let epoch = this.epochs.epochOf(ts);
    if (epoch < h.epoch) {
      epoch = h.epoch;
      this.stats.recordsBehindEpoch++;
    }
    if (epoch !== this.sessionEpoch) {
      this.sessionEpoch = epoch;
      this.out.setTime(this.epochs.time(epoch));
    }
    this.out.push(value, ts, createdAt, this.now);
    if (ts > h.maxTs) {
      h.maxTs = ts;
      if (ts >= h.advanceAt) this.advance(h);
    }
  }

  /** advance_to: the watermark passed the open epoch's last millisecond. */
  private advance(h: Handle): void {
    const next = this.epochs.epochOf(h.maxTs - this.boundMs);
    this.ctx.hold(this.epochs.time(next), 1);
    this.ctx.hold(this.epochs.time(h.epoch), -1);
    this.stats.epochAdvances++;
    h.epoch = next;
    this.setAdvanceAt(h);
  }

  private setAdvanceAt(h: Handle): void {
    // watermark + 1 = maxTs − bound reaches the next epoch's first millisecond
    h.advanceAt = this.epochs.lastMillisOf(h.epoch) + 1 + this.boundMs;
  }

  onRecv(_input: number, _m: Message): boolean {
    throw new Error('an input vertex has no inputs');
  }

  onNotify(): void {}

  snapshot(): HandleState[] {
    return this.handles.map((h) => ({
      position: h.reader.position(),
      epoch: h.epoch,
      maxTs: h.maxTs,
      done: h.done,
    }));
  }

  restore(state: unknown): void {
    (state as HandleState[]).forEach((s, i) => {
      const h = this.handles[i];
      h.reader.seek(s.position);
      h.epoch = s.epoch;
      h.maxTs = s.maxTs;
      h.done = s.done;
      h.idleUntil = 0;
      this.setAdvanceAt(h);
    });
  }
}

/**
 * Event-time watermarks, for windowed bolts and keyed timers: the spout's periodic watermark
 * (WatermarkGenerator) and its merge in each bolt task (WatermarkValve).
 *
 * Departure, and why: Storm's windowed bolt derives its own watermark from the timestamps of the tuples
 * it receives (WaterMarkEventGenerator: the minimum over its input streams of the largest timestamp
 * seen, minus the lag, every watermark interval), and plain bolts have no event time at all. Here the
 * spout derives it with the same rule, from the largest event time it has read minus the source's
 * maxOutOfOrdernessMs, minus 1 (the newest timestamp that is already late, where Storm names the oldest
 * one that is not), every watermarkIntervalMs of wall time (Storm's 1 s default). It travels downstream
 * as an untracked system tuple that each bolt task merges over its senders (the minimum) and forwards.
 * So a bolt task that receives no data still advances, keyed process bolts get event-time timers, and
 * windows fire as on every FlinkCoin engine. At end of input the watermark is +∞.
 */
import type { Millis } from '../../workloads/plan/index.js';

/** The spout's side: the watermark of what it has read, every interval. */
export class WatermarkGenerator {
  private maxTs = Number.NEGATIVE_INFINITY;
  private emitted = Number.NEGATIVE_INFINITY;
  private nextAt = 0;

  constructor(
    private readonly lagMs: Millis,
    private readonly intervalMs: Millis,
  ) {}

  /** A record with event time `ts` was read. */
  observe(ts: Millis): void {
    if (ts > this.maxTs) this.maxTs = ts;
  }

  /** The watermark to send now, if its interval has passed and it advanced; else null. */
  poll(now: Millis): Millis | null {
    if (now < this.nextAt) return null;
    this.nextAt = now + this.intervalMs;
    const wm = this.maxTs - this.lagMs - 1;
    if (wm <= this.emitted) return null;
    this.emitted = wm;
    return wm;
  }

  /** End of input: the final watermark, after which none is due. */
  final(): Millis {
    this.emitted = Number.POSITIVE_INFINITY;
    this.nextAt = Number.POSITIVE_INFINITY;
    return Number.POSITIVE_INFINITY;
  }

  /** When the next periodic watermark is due (+∞ after the final one). */
  get dueAt(): Millis {
    return this.nextAt;
  }
}

/**
 * The watermark of a bolt task: the minimum over the tasks that send it data of the last watermark
 * each sent, forwarded only when it advances.
 */
export class WatermarkValve {
  private readonly slotOf: Int32Array;
  private readonly last: Float64Array;
  current = Number.NEGATIVE_INFINITY;

  constructor(senders: readonly number[], tasks: number) {
    this.slotOf = new Int32Array(tasks).fill(-1);
    senders.forEach((task, slot) => {
      this.slotOf[task] = slot;
    });
    this.last = new Float64Array(senders.length).fill(Number.NEGATIVE_INFINITY);
  }

  /** Records a sender's watermark; true when the task's watermark advanced. */
  update(sender: number, wm: Millis): boolean {
    const slot = this.slotOf[sender];
    if (slot < 0) throw new RangeError(`task ${sender} sends no data here`);
    if (wm <= this.last[slot]) return false;
    this.last[slot] = wm;
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.last.length; i++) if (this.last[i] < min) min = this.last[i];
    if (min <= this.current) return false;
    this.current = min;
    return true;
  }
}

/**
 * Event-time timers and the KeyedContext that user functions receive, for one keyed operator
 * instance — snapshot-able for Naiad's global checkpoint. State is engines/shared's HeapKeyedState
 * (the heap backend that can list and reload its keys); timers are grouped by epoch, not in a
 * TimerQueue, because a notification fires a whole epoch's timers.
 *
 * Timers fire on notification: a timer at time T belongs to the epoch containing T (or to the running
 * callback's epoch if that is later: a notification cannot be asked for in the past), and fires when
 * that epoch's notification arrives, in (time, registration) order — so later than Flink's timer would,
 * by at most one epoch (Naiad has no watermark finer than the epoch). And unlike Flink's in-band
 * watermark, a notification does not order itself among messages: records of later epochs may already
 * have been processed when a timer fires (Naiad delivers messages eagerly, notifications when
 * complete). A timer whose output depends on state that later records change is therefore not
 * deterministic here; the workload's timers (join expiry, well after the match) are not of that kind.
 *
 * Costs: register/delete O(1) amortised; take(epoch) O(k log k) for k timers.
 */
import type { Counters, KeyedContext, Millis, TimerService } from '../../../workloads/plan/index.js';
import { HeapKeyedState } from '../../shared/keyed-context.js';
import type { EpochPolicy } from '../epochs.js';

interface Timer {
  readonly time: Millis;
  readonly key: string;
  readonly seq: number;
  readonly epoch: number;
}

/** Event-time timers grouped by the epoch whose notification fires them; one live timer per (key, time). */
export class EpochTimers {
  private readonly byEpoch = new Map<number, Timer[]>();
  private readonly live = new Map<string, Timer>();
  private seq = 0;

  /** `request(epoch)` asks for a notification the first time an epoch gets a timer. */
  constructor(private readonly request: (epoch: number) => void) {}

  register(key: string, time: Millis, epoch: number): void {
    const id = `${time}\u0000${key}`;
    if (this.live.has(id)) return;
    const timer: Timer = { time, key, seq: this.seq++, epoch };
    this.live.set(id, timer);
    const list = this.byEpoch.get(epoch);
    if (list !== undefined) list.push(timer);
    else {
      this.byEpoch.set(epoch, [timer]);
      this.request(epoch);
    }
  }

  delete(key: string, time: Millis): void {
    this.live.delete(`${time}\u0000${key}`);
  }

  /** Removes the epoch's live timers and returns them in (time, registration) order, or null if none. */
  take(epoch: number): Timer[] | null {
    const list = this.byEpoch.get(epoch);
    if (list === undefined) return null;
    this.byEpoch.delete(epoch);
    const due = list.filter((t) => this.live.get(`${t.time}\u0000${t.key}`) === t);
    for (const t of due) this.live.delete(`${t.time}\u0000${t.key}`);
    return due.sort((a, b) => a.time - b.time || a.seq - b.seq);
  }

  snapshot(): [Millis, string, number][] {
    return [...this.live.values()].sort((a, b) => a.seq - b.seq).map((t) => [t.time, t.key, t.epoch]);
  }
  /** Reinstates timers (their notifications come back with the operator's notificator). */
  restore(s: [Millis, string, number][]): void {
    this.byEpoch.clear();
    this.live.clear();
    for (const [time, key, epoch] of s) {
      const timer: Timer = { time, key, seq: this.seq++, epoch };
      this.live.set(`${time}\u0000${key}`, timer);
      const list = this.byEpoch.get(epoch);
      if (list !== undefined) list.push(timer);
      else this.byEpoch.set(epoch, [timer]);
    }
  }
}

/** The KeyedContext of a keyed operator instance: set the key, then call the user function. */
export class NaiadKeyedContext implements KeyedContext, TimerService {
  key = '';
  timestamp: Millis = 0;
  /** Event time up to which the operator has been notified (end of its last completed epoch). */
  watermark: Millis = Number.NEGATIVE_INFINITY;
  /** Epoch of the running callback. */
  epoch = 0;
  readonly state = new HeapKeyedState();
  readonly timers: TimerService = this;

  constructor(
    readonly counters: Counters,
    private readonly epochs: EpochPolicy,
    readonly timerStore: EpochTimers,
  ) {}

  setKey(key: string, timestamp: Millis): void {
    this.key = key;
    this.timestamp = timestamp;
    this.state.setKey(key);
  }

  registerEventTimeTimer(time: Millis): void {
    this.timerStore.register(this.key, time, Math.max(this.epochs.epochOf(time), this.epoch));
  }
  deleteEventTimeTimer(time: Millis): void {
    this.timerStore.delete(this.key, time);
  }
  currentWatermark(): Millis {
    return this.watermark;
  }
}

/**
 * What every window machine shares: per-key state (plain data, so it snapshots as is), an event-time
 * timer queue deduplicated per (key, time) as Flink's InternalTimerService, the keys changed since the
 * last state commit, and the late-element rule (dropped and counted, or emitted as a side output).
 */
import type { Millis } from '../../../workloads/plan/index.js';
import { lateElement } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../counters.js';
import { TimerQueue } from '../timer-queue.js';
import {
  NO_TAGS,
  type WindowEmit,
  type WindowHooks,
  type WindowMachine,
  type WindowMachineSnapshot,
} from './window-machine.js';

export abstract class KeyedWindowMachine<S> implements WindowMachine {
  watermark = Number.NEGATIVE_INFINITY;
  protected readonly states = new Map<string, S>();
  private timers = new TimerQueue();
  private readonly dirty = new Set<string>();

  constructor(
    protected readonly counters: CounterSet,
    protected readonly hooks: WindowHooks,
    private readonly lateOutput: boolean,
  ) {}

  abstract element(
    key: string,
    value: unknown,
    ts: Millis,
    createdAt: Millis,
    ingestedAt: Millis,
    tag: number,
    emit: WindowEmit,
  ): void;

  /** The key's timer at `time` fired: fire and purge what is due at `time`. */
  protected abstract onTimer(key: string, state: S, time: Millis, emit: WindowEmit): void;

  /** Every time a timer of this state is due at (to rebuild timers after a restore). */
  protected abstract timersOf(state: S): Iterable<Millis>;

  /** Whether the key's state can be dropped. */
  protected abstract isEmpty(state: S): boolean;

  advance(wm: Millis, emit: WindowEmit): void {
    if (wm > this.watermark) this.watermark = wm;
    for (let t = this.timers.pollUpTo(wm); t !== null; t = this.timers.pollUpTo(wm)) {
      const state = this.states.get(t.key);
      if (state === undefined) continue;
      this.onTimer(t.key, state, t.time, emit);
      this.touch(t.key, state);
    }
  }

  /** The key's state, marked as changed. */
  protected stateOf(key: string, create: () => S): S {
    let state = this.states.get(key);
    if (state === undefined) {
      state = create();
      this.states.set(key, state);
    }
    this.dirty.add(key);
    return state;
  }

  /** Marks a key changed, dropping its state when nothing is left. */
  protected touch(key: string, state: S): void {
    this.dirty.add(key);
    if (this.isEmpty(state)) this.states.delete(key);
  }

  protected registerTimer(key: string, time: Millis): void {
    this.timers.register(key, time);
    this.hooks.schedule?.(time);
  }

  protected deleteTimer(key: string, time: Millis): void {
    this.timers.delete(key, time);
  }

  /** A late element: emitted as a side output when the node asks for one, else dropped and counted. */
  protected late(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis, emit: WindowEmit): void {
    if (!this.lateOutput) {
      this.counters.inc('window.lateDropped');
      return;
    }
    this.counters.inc('window.lateSideOutput');
    emit(lateElement(value), ts, createdAt, ingestedAt, NO_TAGS);
  }

  takeDirty(): string[] {
    const keys = [...this.dirty];
    this.dirty.clear();
    return keys;
  }

  keys(): Iterable<string> {
    return this.states.keys();
  }

  encodeKey(key: string): unknown {
    const state = this.states.get(key);
    return state === undefined || this.isEmpty(state) ? undefined : state;
  }

  restoreKey(key: string, encoded: unknown): void {
    if (encoded === undefined) this.states.delete(key);
    else this.states.set(key, encoded as S);
  }

  rebuildTimers(): void {
    this.timers = new TimerQueue();
    for (const [key, state] of this.states)
      for (const time of this.timersOf(state)) this.registerTimer(key, time);
  }

  snapshot(): WindowMachineSnapshot {
    return { watermark: this.watermark, keys: [...this.states.entries()] };
  }

  restore(snapshot: WindowMachineSnapshot): void {
    this.states.clear();
    this.watermark = snapshot.watermark;
    for (const [key, state] of snapshot.keys) this.states.set(key, structuredClone(state) as S);
    this.rebuildTimers();
  }
}

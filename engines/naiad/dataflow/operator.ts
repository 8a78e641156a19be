/**
 * The contract between an operator and the worker that runs it — Naiad's vertex interface
 * [NAIAD §2.2]: the system calls `onRecv` with a message (records at one timestamp) and `onNotify(t)`
 * once no record at or before t can reach the operator any more; the operator sends with its output
 * pushers — at the callback's time, which the host has already adjusted by the vertex's path summary —
 * and asks for notifications with `notifyAt`, only at times ≥ the callback's: time never runs backwards.
 *
 *   class Count implements Operator {
 *     private n = 0;
 *     constructor(private readonly ctx: OperatorContext) {}
 *     onRecv(_input: number, m: Message) { this.n += m.length; this.ctx.notifyAt(m.time); return true; }
 *     onNotify(t: Timestamp) { this.ctx.outputs[0].push(this.n, t[0], NaN, NaN); }
 *     snapshot() { return this.n; }
 *     restore(state: unknown) { this.n = state as number; }
 *   }
 */
import type { CounterSet } from '../../shared/counters.js';
import type { Timestamp } from '../progress/timestamp.js';
import type { Message } from './message.js';
import type { Pusher } from './pusher.js';

/** What a vertex implements (Naiad's OnRecv / OnNotify, plus Checkpoint / Restore). */
export interface Operator {
  /**
   * Handles a message from input `input`. Returns false if it stopped part way (a stalled sink: it
   * keeps `m.cursor`); the message then stays queued and is offered again on a later step.
   */
  onRecv(input: number, m: Message): boolean;
  /** No record at a time ≤ t can arrive any more (at any of this operator's inputs, on any worker). */
  onNotify(time: Timestamp): void;
  /** Work that needs no input (an input operator reads its source here). */
  schedule?(now: number): boolean;
  /** The operator's state as JSON-safe data, for a global checkpoint (Naiad's Checkpoint). */
  snapshot(): unknown;
  /** Replaces the state with a snapshot's (Naiad's Restore). */
  restore(state: unknown): void;
}

/** What an operator sees of its worker. */
export interface OperatorContext {
  /** This worker's index, 0 ≤ index < peers. */
  readonly index: number;
  readonly peers: number;
  /** One pusher per output port. */
  readonly outputs: readonly Pusher[];
  readonly counters: CounterSet;
  /** The timestamp of the running callback. */
  time(): Timestamp;
  /** Asks for onNotify(t) (t ≥ the running callback's time). Requests for one time are merged. */
  notifyAt(time: Timestamp): void;
  /**
   * Changes how many occurrences of (time, this vertex) the operator holds: an input's open epoch
   * (timely's capability; SharedProgress.internals).
   */
  hold(time: Timestamp, delta: number): void;
}

/**
 * The sending ends of channels (timely's pushers). An operator's output port holds one Pusher; records
 * pushed within a session share the session's timestamp and are buffered into messages of
 * `capacity` records. A full buffer, a new session time, or the end of the operator's invocation hands
 * the message to the consumer's queue and records +n at (time, consumer input) in the worker's
 * ChangeBatch — in the same batch as the changes of the action that sent it.
 *
 *   Pipeline  the consumer on the same worker (timely's Pipeline pact)
 *   Exchange  the consumer on worker route(value) (Exchange pact: Flink's key groups, subtaskRouter)
 *   Tee       an output connected to several consumers: each gets every record
 *
 * Costs: push O(1) without allocation (plus the route function for Exchange); flush O(1) per message.
 */
import type { ChangeBatch } from '../progress/change-batch.js';
import { equals, type Timestamp } from '../progress/timestamp.js';
import type { NaiadStats } from '../stats.js';
import type { Message, MessagePool, MessageQueue } from './message.js';

/** The sending end of an output port: sessions at one timestamp, records buffered into messages. */
export interface Pusher {
  /** Opens a session at `time`: records pushed next carry it. */
  setTime(time: Timestamp): void;
  push(value: unknown, ts: number, createdAt: number, ingestedAt: number): void;
  /** Hands every buffered record to its channel (at the end of each operator invocation). */
  flush(): void;
}

/** What a pusher needs from its worker. */
export interface ChannelContext {
  readonly changes: ChangeBatch;
  readonly pool: MessagePool;
  readonly stats: NaiadStats;
}

/** Pipeline pact: records stay on this worker, in order. */
export class PipelinePusher implements Pusher {
  private time: Timestamp = [];
  private buffer: Message;

  constructor(
    private readonly queue: MessageQueue,
    /** The consumer input's location (for progress). */
    private readonly location: number,
    private readonly channel: ChannelContext,
  ) {
    this.buffer = channel.pool.take();
  }

  setTime(time: Timestamp): void {
    if (time === this.time || equals(time, this.time)) return;
    this.flush();
    this.time = time;
  }

  push(value: unknown, ts: number, createdAt: number, ingestedAt: number): void {
    const m = this.buffer;
    const i = m.length;
    m.values[i] = value;
    m.ts[i] = ts;
    m.createdAt[i] = createdAt;
    m.ingestedAt[i] = ingestedAt;
    m.length = i + 1;
    if (i + 1 === m.capacity) this.flush();
  }

  flush(): void {
    const m = this.buffer;
    if (m.length === 0) return;
    m.time = this.time;
    this.queue.push(m);
    this.channel.changes.update(this.time, this.location, m.length);
    this.channel.stats.messagesSent++;
    this.channel.stats.recordsSent += m.length;
    this.buffer = this.channel.pool.take();
  }
}

/** Exchange pact: each record goes to the worker its route (key group) names; one buffer per worker. */
export class ExchangePusher implements Pusher {
  private time: Timestamp = [];
  private readonly buffers: Message[];

  constructor(
    /** The consumer's queue on each worker. */
    private readonly queues: readonly MessageQueue[],
    private readonly route: (value: unknown) => number,
    private readonly location: number,
    private readonly self: number,
    private readonly channel: ChannelContext,
  ) {
    this.buffers = queues.map(() => channel.pool.take());
  }

  setTime(time: Timestamp): void {
    if (time === this.time || equals(time, this.time)) return;
    this.flush();
    this.time = time;
  }

  push(value: unknown, ts: number, createdAt: number, ingestedAt: number): void {
    const target = this.route(value);
    const m = this.buffers[target];
    const i = m.length;
    m.values[i] = value;
    m.ts[i] = ts;
    m.createdAt[i] = createdAt;
    m.ingestedAt[i] = ingestedAt;
    m.length = i + 1;
    if (i + 1 === m.capacity) this.send(target);
  }

  flush(): void {
    for (let w = 0; w < this.buffers.length; w++) if (this.buffers[w].length > 0) this.send(w);
  }

  private send(target: number): void {
    const m = this.buffers[target];
    m.time = this.time;
    this.queues[target].push(m);
    this.channel.changes.update(this.time, this.location, m.length);
    const stats = this.channel.stats;
    stats.messagesSent++;
    stats.recordsSent += m.length;
    if (target !== this.self) stats.recordsExchanged += m.length;
    this.buffers[target] = this.channel.pool.take();
  }
}

/** An output with several consumers: every consumer gets every record. */
export class Tee implements Pusher {
  constructor(private readonly targets: readonly Pusher[]) {}

  setTime(time: Timestamp): void {
    for (const t of this.targets) t.setTime(time);
  }
  push(value: unknown, ts: number, createdAt: number, ingestedAt: number): void {
    for (let i = 0; i < this.targets.length; i++) this.targets[i].push(value, ts, createdAt, ingestedAt);
  }
  flush(): void {
    for (const t of this.targets) t.flush();
  }
}

/** An output nobody reads. */
export const DISCARD: Pusher = { setTime() {}, push() {}, flush() {} };

/**
 * One logical channel between a producing subtask and a consuming subtask, with credit-based flow
 * control as in Flink ≥ 1.5:
 *
 *   producer ── ResultSubpartition ──(credit > 0)──▶ InputChannel ── consumer
 *               current buffer + backlog              exclusive (2) + the gate's floating (8)
 *
 * The receiver's free buffers are the credits: a finished buffer moves to the receiver only while it has
 * one; otherwise it waits in the sender's backlog. A producer whose backlog reaches
 * `maxBuffersPerChannel` is backpressured and stops taking input, so a slow consumer slows its sources
 * and memory stays bounded.
 */
import { NetworkBuffer } from './network-buffer.js';

/** Shared by the channels of one consumer input: the floating-buffer pool. */
export class InputGate {
  constructor(public floatingFree: number) {}
}

export class InputChannel {
  readonly queue: NetworkBuffer[] = [];
  head = 0;
  /** Position inside the head buffer, when a blocked sink interrupted it. */
  position = 0;
  watermark = Number.NEGATIVE_INFINITY;
  finished = false;
  /** Held by checkpoint alignment: its buffers stay queued (and keep their credits) until released. */
  blocked = false;
  exclusiveFree: number;
  subpartition!: ResultSubpartition;

  constructor(
    readonly gate: InputGate,
    readonly inputIndex: number,
    buffersPerChannel: number,
  ) {
    this.exclusiveFree = buffersPerChannel;
  }

  get available(): boolean {
    return this.head < this.queue.length;
  }

  peek(): NetworkBuffer {
    return this.queue[this.head];
  }

  /** Takes a buffer if a credit is free; the credit returns when the buffer is consumed. */
  offer(buffer: NetworkBuffer): boolean {
    if (this.exclusiveFree > 0) {
      this.exclusiveFree--;
    } else if (this.gate.floatingFree > 0) {
      this.gate.floatingFree--;
      buffer.floating = true;
    } else {
      return false;
    }
    this.queue.push(buffer);
    return true;
  }

  /** The consumer is done with the head buffer: give back its credit and its memory. */
  release(): void {
    const buffer = this.queue[this.head++];
    if (this.head > 64) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.position = 0;
    if (buffer.floating) this.gate.floatingFree++;
    else this.exclusiveFree++;
    this.subpartition.recycle(buffer);
  }
}

/** Counters shared by all channels of one run. */
export class NetworkStats {
  buffersSent = 0;
  inFlightRecords = 0;
  maxInFlightRecords = 0;
}

export class ResultSubpartition {
  current: NetworkBuffer | null = null;
  readonly backlog: NetworkBuffer[] = [];
  private readonly pool: NetworkBuffer[] = [];

  constructor(
    readonly channel: InputChannel,
    private readonly capacity: number,
    private readonly stats: NetworkStats,
  ) {
    channel.subpartition = this;
  }

  /** The buffer being filled, taking one from the pool when needed. */
  open(): NetworkBuffer {
    if (this.current === null) this.current = this.pool.pop() ?? new NetworkBuffer(this.capacity);
    return this.current;
  }

  /** Buffers this subpartition holds (open + waiting for credit): the backpressure measure. */
  get held(): number {
    return this.backlog.length + (this.current === null ? 0 : 1);
  }

  /** Ends the open buffer (full, flushed by the timeout, or an event) and sends what credit allows. */
  finish(): void {
    const buffer = this.current;
    if (buffer === null || buffer.size === 0) return;
    this.current = null;
    this.stats.inFlightRecords += buffer.records;
    if (this.stats.inFlightRecords > this.stats.maxInFlightRecords) {
      this.stats.maxInFlightRecords = this.stats.inFlightRecords;
    }
    this.backlog.push(buffer);
    this.transfer();
  }

  /** Moves backlog buffers to the receiver while it has credit. */
  transfer(): void {
    while (this.backlog.length > 0 && this.channel.offer(this.backlog[0])) {
      this.backlog.shift();
      this.stats.buffersSent++;
    }
  }

  recycle(buffer: NetworkBuffer): void {
    this.stats.inFlightRecords -= buffer.records;
    buffer.reset();
    this.pool.push(buffer);
    this.transfer();
  }
}

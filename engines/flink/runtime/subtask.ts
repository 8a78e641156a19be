/**
 * One parallel instance of a vertex: its input channels, the chain of operators, and the record
 * writers at the chain's ends. The engine's scheduler calls `step()`; a step consumes at most one
 * buffer per input channel, round robin, so every subtask gets its turn (Flink's mailbox loop, made
 * cooperative on one thread).
 *
 * Watermarks: each channel keeps the last watermark it delivered; the subtask's watermark is the
 * minimum over its channels (Flink's StatusWatermarkValve) and is forwarded only when it advances.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { Link } from '../operators/link.js';
import type { Stall } from '../operators/sink.js';
import type { InputChannel } from './channel.js';
import { END_OF_PARTITION, RECORD } from './network-buffer.js';
import type { RecordWriter } from './record-writer.js';

export type RecordHandler = (value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis) => void;

export abstract class Task implements Stall {
  readonly writers: RecordWriter[] = [];
  stalledOn: Promise<void> | null = null;
  finished = false;
  /** Turns this task skipped because an output had no room (backpressure). */
  backpressuredTurns = 0;

  constructor(
    readonly name: string,
    private readonly maxBuffersPerChannel: number,
  ) {}

  abstract step(now: Millis): boolean;

  stall(until: Promise<void>): void {
    const gate = until.then(() => {
      if (this.stalledOn === gate) this.stalledOn = null;
    });
    this.stalledOn = gate;
  }

  /** An output subpartition is full: taking more input would only grow memory. */
  protected backpressured(): boolean {
    for (const w of this.writers) {
      for (const sp of w.subpartitions) {
        if (sp.backlog.length > 0) sp.transfer();
        if (sp.held >= this.maxBuffersPerChannel) {
          this.backpressuredTurns++;
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Records the outputs can take before a subpartition reaches its buffer limit (Flink's task would
   * block requesting a buffer there). Sources read no more than this, so they never overshoot.
   */
  protected outputRoom(capacityPerBuffer: number): number {
    let room = Number.POSITIVE_INFINITY;
    for (const w of this.writers) {
      for (const sp of w.subpartitions) {
        room = Math.min(room, (this.maxBuffersPerChannel - sp.held) * capacityPerBuffer);
      }
    }
    return room;
  }

  flushOutputs(): void {
    for (const w of this.writers) w.flush();
  }
}

export class Subtask extends Task {
  private next = 0;
  private watermark = Number.NEGATIVE_INFINITY;
  private open: number;

  constructor(
    name: string,
    maxBuffersPerChannel: number,
    private readonly channels: readonly InputChannel[],
    private readonly head: Link,
    /** Handler for each input index (a two-input head has two). */
    private readonly handlers: readonly RecordHandler[],
  ) {
    super(name, maxBuffersPerChannel);
    this.open = channels.length;
  }

  step(): boolean {
    if (this.finished || this.stalledOn !== null || this.backpressured()) return false;
    let worked = false;
    for (let n = 0; n < this.channels.length; n++) {
      const channel = this.channels[this.next];
      this.next = (this.next + 1) % this.channels.length;
      if (!channel.available) continue;
      worked = true;
      if (!this.consume(channel)) return true;
    }
    return worked;
  }

  /** Processes the channel's head buffer; false when a stalled sink interrupted it. */
  private consume(channel: InputChannel): boolean {
    const buffer = channel.peek();
    const handle = this.handlers[channel.inputIndex];
    const { kinds, values, ts, createdAt, ingestedAt } = buffer;
    let i = channel.position;
    for (; i < buffer.size; i++) {
      const kind = kinds[i];
      if (kind === RECORD) {
        handle(values[i], ts[i], createdAt[i], ingestedAt[i]);
        if (this.stalledOn !== null) {
          channel.position = i + 1;
          return false;
        }
      } else if (kind === END_OF_PARTITION) {
        this.endOfPartition(channel);
      } else {
        this.onWatermark(channel, ts[i]);
      }
    }
    channel.release();
    return true;
  }

  private onWatermark(channel: InputChannel, wm: Millis): void {
    if (wm <= channel.watermark) return;
    channel.watermark = wm;
    let min = Number.POSITIVE_INFINITY;
    for (const c of this.channels) if (c.watermark < min) min = c.watermark;
    if (min > this.watermark) {
      this.watermark = min;
      this.head.watermark(min);
    }
  }

  private endOfPartition(channel: InputChannel): void {
    channel.finished = true;
    if (--this.open === 0) {
      this.head.finish();
      this.finished = true;
    }
  }
}

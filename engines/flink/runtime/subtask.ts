/**
 * One parallel instance of a non-source vertex: its input channels, the chain of operators, and the
 * record writers at the chain's ends. The engine's scheduler calls `step()`; a step consumes at most one
 * buffer per input channel, round robin, so every subtask gets its turn (Flink's mailbox loop, made
 * cooperative on one thread). A channel blocked by checkpoint alignment is skipped.
 *
 * Watermarks: each channel keeps the last watermark it delivered; the subtask's watermark is the
 * minimum over its channels (Flink's StatusWatermarkValve) and is forwarded only when it advances.
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { Clock } from '../../contract.js';
import type { CounterSet } from '../../shared/counters.js';
import { CheckpointBarrierHandler } from '../checkpoint/barrier-handler.js';
import type { CheckpointResponder } from '../checkpoint/coordinator.js';
import type { ChannelInputState, TaskSnapshot } from '../checkpoint/snapshot.js';
import type { Link } from '../operators/link.js';
import type { InputChannel } from './channel.js';
import { CHECKPOINT_BARRIER, RECORD, WATERMARK } from './network-buffer.js';
import { Task } from './task.js';

/** Takes one record of an input (a two-input head has one handler per input). */
export type RecordHandler = (value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis) => void;

/** How barriers are handled: aligned (EXACTLY_ONCE) or only tracked (AT_LEAST_ONCE). */
export interface Alignment {
  readonly aligned: boolean;
  readonly clock: Clock;
}

/** A subtask fed by input channels (every vertex but the sources). */
export class Subtask extends Task {
  private next = 0;
  private watermark = Number.NEGATIVE_INFINITY;
  private open: number;
  private readonly barriers: CheckpointBarrierHandler | null;

  constructor(
    name: string,
    maxBuffersPerChannel: number,
    counters: CounterSet,
    checkpoints: CheckpointResponder | null,
    alignment: Alignment,
    private readonly channels: readonly InputChannel[],
    private readonly head: Link,
    /** Handler for each input index (a two-input head has two). */
    private readonly handlers: readonly RecordHandler[],
  ) {
    super(name, maxBuffersPerChannel, counters, checkpoints);
    this.open = channels.length;
    this.barriers =
      checkpoints === null
        ? null
        : new CheckpointBarrierHandler(
            channels,
            alignment.aligned,
            (id) => this.performCheckpoint(id),
            alignment.clock,
            checkpoints,
          );
  }

  step(): boolean {
    if (this.finished || this.stalledOn !== null || this.backpressured()) return false;
    let worked = false;
    for (let n = 0; n < this.channels.length; n++) {
      const channel = this.channels[this.next];
      this.next = (this.next + 1) % this.channels.length;
      if (channel.blocked || !channel.available) continue;
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
      } else if (kind === WATERMARK) {
        this.onWatermark(channel, ts[i]);
      } else if (kind === CHECKPOINT_BARRIER) {
        this.barriers!.processBarrier(channel, ts[i]);
        if (channel.blocked) {
          channel.position = i + 1; // held until the other channels' barriers arrive
          return true;
        }
      } else {
        this.endOfPartition(channel);
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
    this.barriers?.processEndOfPartition();
    if (--this.open === 0) {
      this.head.finish();
      this.finishTask();
    }
  }

  protected snapshotInput(): ChannelInputState {
    return { watermark: this.watermark, channels: this.channels.map((c) => c.watermark) };
  }

  protected restoreInput(input: TaskSnapshot['input']): void {
    const state = input as ChannelInputState;
    if (state.channels?.length !== this.channels.length) {
      throw new Error(`${this.name}: the checkpoint's input does not match this subtask's channels`);
    }
    this.watermark = state.watermark;
    state.channels.forEach((wm, i) => {
      this.channels[i].watermark = wm;
    });
  }
}

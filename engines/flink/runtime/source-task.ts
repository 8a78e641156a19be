/**
 * A source subtask: polls its SourceReader for records that are due, stamps their ingestion time,
 * pushes them through its chain, and emits periodic watermarks with Flink's bounded-out-of-orderness
 * rule: every `autoWatermarkIntervalMs`, watermark = max event time seen − bound − 1 (0 disables
 * periodic emission, as in Flink). At end of input it emits the final watermark (+∞, Flink's
 * MAX_WATERMARK) so every window fires, then end-of-partition.
 *
 * On a checkpoint trigger it records the reader's position (the offset of the next record it will
 * read) and emits the barrier behind every record it has emitted. Its snapshot also holds the
 * watermark generator's state; Flink's generators start afresh after a restore, here they continue, so
 * a record that was late before a failure is late again after it (see engine.ts).
 */
import type { Millis } from '../../../workloads/plan/index.js';
import type { Emit, SourceReader } from '../../contract.js';
import type { CounterSet } from '../../shared/counters.js';
import type { CheckpointResponder } from '../checkpoint/coordinator.js';
import type { SourceInputState, TaskSnapshot } from '../checkpoint/snapshot.js';
import type { Link } from '../operators/link.js';
import { Task } from './task.js';

/** A subtask of a source vertex: one reader (split) and its chain. */
export class SourceTask extends Task {
  private maxTs = Number.NEGATIVE_INFINITY;
  private emittedWatermark = Number.NEGATIVE_INFINITY;
  private nextWatermarkAt = 0;
  private now = 0;
  /** Wall time before which the reader has nothing due. */
  idleUntil = 0;
  eventsIngested = 0;
  private readonly emit: Emit<unknown>;

  constructor(
    name: string,
    maxBuffersPerChannel: number,
    counters: CounterSet,
    checkpoints: CheckpointResponder | null,
    private readonly reader: SourceReader,
    private readonly out: Link,
    private readonly boundMs: Millis,
    private readonly watermarkIntervalMs: Millis,
    private readonly batchSize: number,
    private readonly recordsPerBuffer: number,
  ) {
    super(name, maxBuffersPerChannel, counters, checkpoints);
    this.emit = (value, ts, createdAt) => {
      if (ts > this.maxTs) this.maxTs = ts;
      this.out.process(value, ts, createdAt, this.now);
    };
  }

  step(now: Millis): boolean {
    if (this.finished || this.stalledOn !== null || this.backpressured()) return false;
    this.now = now;
    let worked = false;
    if (now >= this.idleUntil) {
      const max = Math.min(this.batchSize, this.outputRoom(this.recordsPerBuffer));
      const result = this.reader.poll(now, Math.max(1, max), this.emit);
      if (result.kind === 'end') {
        this.out.watermark(Number.POSITIVE_INFINITY);
        this.out.finish();
        this.finishTask();
        return true;
      }
      if (result.kind === 'idle') this.idleUntil = result.until;
      else {
        this.eventsIngested += result.n;
        worked = result.n > 0;
      }
    }
    return this.maybeEmitWatermark(now) || worked;
  }

  /** When the next periodic watermark is due (for the scheduler's sleep). */
  get watermarkDueAt(): Millis {
    return this.watermarkIntervalMs > 0 ? this.nextWatermarkAt : Number.POSITIVE_INFINITY;
  }

  /** The coordinator triggers checkpoint `id` here: position recorded, barrier injected. */
  triggerCheckpoint(id: number): void {
    if (this.finished) throw new Error(`checkpoint ${id} triggered on finished source ${this.name}`);
    this.performCheckpoint(id);
  }

  private maybeEmitWatermark(now: Millis): boolean {
    if (this.watermarkIntervalMs <= 0 || now < this.nextWatermarkAt) return false;
    this.nextWatermarkAt = now + this.watermarkIntervalMs;
    const wm = this.maxTs - this.boundMs - 1;
    if (wm <= this.emittedWatermark) return false;
    this.emittedWatermark = wm;
    this.out.watermark(wm);
    return true;
  }

  protected snapshotInput(): SourceInputState {
    return { position: this.reader.position(), maxTs: this.maxTs, emittedWatermark: this.emittedWatermark };
  }

  protected restoreInput(input: TaskSnapshot['input']): void {
    const state = input as SourceInputState;
    if (state.position === undefined)
      throw new Error(`${this.name}: the checkpoint holds no source position`);
    this.reader.seek(state.position);
    this.maxTs = state.maxTs;
    this.emittedWatermark = state.emittedWatermark;
  }
}

/**
 * A spout executor (Storm's SpoutExecutor with a replayable spout, as KafkaSpout at-least-once): reads
 * the source split, emits each record as a spout tuple with a fresh root id, and keeps it pending until
 * its tree is acked. A failed tree (a bolt's fail) or an expired one (message timeout, T..2T) is
 * re-emitted from the pending copy, with the same value, event time and stamps, under a new root id:
 * its effects repeat downstream. That is the model: at-least-once.
 *
 * - maxSpoutPending: no nextTuple while that many trees are pending (only with acking) [ST-SE].
 * - ackers = 0: nothing is tracked; the spout acks each tuple as it emits it (at-most-once).
 * - ingestedAt stays the first reading's time on replay, so processing-time latency shows the replay.
 * - Watermarks: see watermarks.ts. At end of input the spout sends the final watermark at
 *   once, and ends its stream once every pending tree is complete.
 * - With the job's stateDir, the spout's offset manager (offset-manager.ts) tracks which records are
 *   acked and the shared SpoutOffsets commits the highest contiguous acked position periodically and
 *   when the spout finishes (storm-kafka-client's KafkaSpout); deploy.ts seeks the reader to the
 *   committed position at start.
 */
import type { Millis } from '../../workloads/plan/index.js';
import type { Emit, SourceReader } from '../contract.js';
import { Executor } from './executor.js';
import type { RootIds } from './message-id.js';
import type { OffsetManager } from './offset-manager.js';
import type { OutputCollector } from './output-collector.js';
import { PendingTuples, type Replay } from './pending-tuples.js';
import type { SpoutOffsets } from './spout-offsets.js';
import type { StormStats } from './stats.js';
import type { ExecutorTransfer } from './transfer.js';
import { ACK_INIT, SPOUT_ACK, SPOUT_FAIL, type TupleQueue } from './tuple-queue.js';
import { WatermarkGenerator } from './watermarks.js';

/** A spout executor's knobs, from the config and the source node. */
export interface SpoutOptions {
  /** The source's maxOutOfOrdernessMs. */
  readonly boundMs: Millis;
  readonly watermarkIntervalMs: Millis;
  /** Message timeout, or null when timeouts are off (or nothing is tracked). */
  readonly timeoutMs: Millis | null;
  readonly maxSpoutPending: number | null;
  readonly batchSize: number;
}

/** A spout's offset tracking and the shared committed positions (only with a stateDir). */
export interface SpoutCommits {
  readonly manager: OffsetManager;
  readonly store: SpoutOffsets;
}

/** Runs one spout task: acks in, timeouts, replays, new records, watermarks, end of stream. */
export class SpoutExecutor extends Executor {
  private readonly pending = new PendingTuples();
  private retry: Replay[] = [];
  private readerEnded = false;
  private finalWatermarkSent = false;
  private idleUntil = 0;
  private readonly watermarks: WatermarkGenerator;
  private nextRotateAt: Millis;
  private now = 0;
  /** Sequence number of the next record read. */
  private seq = 0;
  private readonly emitRecord: Emit<unknown>;

  constructor(
    name: string,
    taskId: number,
    queue: TupleQueue,
    transfer: ExecutorTransfer,
    private readonly collector: OutputCollector,
    private readonly reader: SourceReader,
    private readonly rootIds: RootIds,
    private readonly o: SpoutOptions,
    private readonly stats: StormStats,
    startedAt: Millis,
    private readonly commits: SpoutCommits | null = null,
  ) {
    super(name, taskId, queue, transfer);
    this.nextRotateAt = startedAt + (o.timeoutMs ?? Number.POSITIVE_INFINITY);
    this.watermarks = new WatermarkGenerator(o.boundMs, o.watermarkIntervalMs);
    this.emitRecord = (value, ts, createdAt) => {
      this.watermarks.observe(ts);
      this.emitTuple(value, ts, createdAt, this.now, this.seq++);
    };
  }

  step(now: Millis): boolean {
    if (this.finished) return false;
    this.now = now;
    // Acks are taken even while backpressured: they are what frees the topology.
    let worked = this.receiveAcks(now);
    if (this.rotate(now)) worked = true;
    this.commits?.store.maybeCommit(now);
    if (!this.ready()) return worked;
    if (this.emitBatch(now)) worked = true;
    if (this.maybeWatermark(now)) worked = true;
    if (this.readerEnded && this.maybeEnd()) worked = true;
    return worked;
  }

  override nextDue(): Millis {
    if (this.finished) return Number.POSITIVE_INFINITY;
    let due = this.watermarks.dueAt;
    if (!this.readerEnded && this.idleUntil < due) due = this.idleUntil;
    if (this.pending.size > 0 && this.nextRotateAt < due) due = this.nextRotateAt;
    if (this.commits !== null && this.commits.store.dueAt < due) due = this.commits.store.dueAt;
    return due;
  }

  /** The acker's emitDirect to this spout: a tree completed or failed. */
  private receiveAcks(now: Millis): boolean {
    const q = this.queue;
    if (q.size === 0) return false;
    while (q.size > 0) {
      const i = q.first;
      const stream = q.stream[i];
      const root = q.anchor[i] as number;
      q.skip();
      if (stream !== SPOUT_ACK && stream !== SPOUT_FAIL) throw new RangeError(`spout got stream ${stream}`);
      const acked = stream === SPOUT_ACK;
      if (acked) {
        const seq = this.pending.acked(root);
        if (seq < 0) continue; // already timed out and replayed
        this.stats.ackedTrees++;
        this.stats.completeLatencyMsSum += now - this.pending.emittedAt;
        this.commits?.manager.ack(seq);
      } else {
        const replay = this.pending.failed(root);
        if (replay === null) continue;
        this.stats.failedTrees++;
        this.retry.push(replay);
      }
    }
    return true;
  }

  /** The spout's tick: rotate the pending map; what falls out has timed out and is replayed. */
  private rotate(now: Millis): boolean {
    if (now < this.nextRotateAt) return false;
    const before = this.retry.length;
    while (now >= this.nextRotateAt) {
      this.pending.rotate((replay) => this.retry.push(replay));
      this.nextRotateAt += this.o.timeoutMs!;
    }
    this.stats.timedOutTrees += this.retry.length - before;
    return this.retry.length > before;
  }

  /** nextTuple, up to a turn's worth: replays first, then new records. */
  private emitBatch(now: Millis): boolean {
    let budget = this.o.batchSize;
    const tracked = this.collector.acker.enabled;
    if (this.o.maxSpoutPending !== null && tracked) {
      budget = Math.min(budget, this.o.maxSpoutPending - this.pending.size);
    }
    if (budget <= 0) return false;
    let worked = false;
    if (this.retry.length > 0) {
      const replays = this.retry.length <= budget ? this.retry : this.retry.slice(0, budget);
      this.retry = replays === this.retry ? [] : this.retry.slice(budget);
      for (const t of replays) this.emitTuple(t.value, t.ts, t.createdAt, t.ingestedAt, t.seq);
      this.stats.replayedTuples += replays.length;
      budget -= replays.length;
      worked = true;
    }
    if (budget <= 0 || this.readerEnded || now < this.idleUntil) return worked;
    const before = this.seq;
    const result = this.reader.poll(now, budget, this.emitRecord);
    if (this.commits !== null && this.seq > before)
      this.commits.manager.mark(this.seq, this.reader.position());
    if (result.kind === 'end') this.readerEnded = true;
    else if (result.kind === 'idle') this.idleUntil = result.until;
    else this.stats.eventsIngested += result.n;
    return true;
  }

  /** SpoutOutputCollector.emit with a message id: anchors to a new root, then __ack_init. */
  private emitTuple(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis, seq: number): void {
    const c = this.collector;
    const tracked = c.acker.enabled && c.outputs.length > 0;
    const root = tracked ? this.rootIds.next() : 0;
    c.begin(tracked ? root : null, 0, 0);
    c.emit(value, ts, createdAt, ingestedAt);
    this.stats.spoutEmitted++;
    if (!tracked) {
      this.stats.ackedTrees++; // acked at once: nothing tracks it
      this.commits?.manager.ack(seq);
      return;
    }
    this.pending.track(root, seq, value, ts, createdAt, ingestedAt, this.now);
    c.acker.send(ACK_INIT, root, c.ackHi, c.ackLo);
    if (this.pending.size > this.stats.maxPendingTrees) this.stats.maxPendingTrees = this.pending.size;
  }

  private maybeWatermark(now: Millis): boolean {
    const wm = this.watermarks.poll(now);
    if (wm === null) return false;
    this.collector.watermark(wm);
    return true;
  }

  /** Input exhausted: the final watermark at once, the end of stream once no tree is pending. */
  private maybeEnd(): boolean {
    if (!this.finalWatermarkSent) {
      this.finalWatermarkSent = true;
      this.collector.watermark(this.watermarks.final());
      return true;
    }
    if (this.pending.size > 0 || this.retry.length > 0 || this.transfer.overflow.size > 0) return false;
    this.collector.end();
    this.finished = true;
    this.commits?.store.commit(); // every record acked: the end position is committed
    return true;
  }
}

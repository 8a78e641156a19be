/**
 * The harness's sink for one plan output: keeps every output (id + value) for the deterministic
 * digest and the accuracy figures, and, when asked, records latency into HdrHistograms.
 * Outputs ingested before the warm-up ended count for digests but not for latency.
 */
import { createHash } from 'node:crypto';
import type { Clock, SinkWriter } from '../../engines/contract.js';
import { LatencyRecorder } from './latency-recorder.js';
import { Timeline } from './timeline.js';

export interface LatencyMeasurement {
  readonly warmupEndsAt: number;
  /** False for unpaced runs, where no intended emission time exists. */
  readonly eventTime: boolean;
  readonly startAt: number;
}

export class RecordingSink<T = unknown> implements SinkWriter<T> {
  readonly outputs: { id: string; value: T }[] = [];
  /** Wall time of each id's first delivery (kept only for sinks with latency measurement). */
  readonly firstDeliveredAt = new Map<string, number>();
  /** Wall time of the last write (the end of processing, for throughput). */
  lastWriteAt = Number.NEGATIVE_INFINITY;
  readonly processingTime = new LatencyRecorder();
  readonly eventTime = new LatencyRecorder();
  readonly timeline: Timeline | null;

  constructor(
    private readonly clock: Clock,
    private readonly latency: LatencyMeasurement | null,
  ) {
    this.timeline = latency === null ? null : new Timeline(latency.startAt);
  }

  write(id: string, value: T, _ts: number, createdAt: number, ingestedAt: number): void {
    this.outputs.push({ id, value });
    this.lastWriteAt = this.clock.now();
    const m = this.latency;
    if (m === null || !(ingestedAt >= m.warmupEndsAt)) return; // NaN stamps (timer outputs) are skipped
    const now = this.clock.now();
    if (!this.firstDeliveredAt.has(id)) this.firstDeliveredAt.set(id, now);
    const processing = now - ingestedAt;
    this.processingTime.record(processing);
    this.timeline!.max(now, processing);
    if (m.eventTime) this.eventTime.record(now - createdAt);
  }

  /** Order-independent fingerprint: sha256 over outputs sorted by id. */
  digest(): { count: number; sha256: string } {
    const lines = this.outputs.map((o) => `${o.id}\t${JSON.stringify(o.value)}`).sort();
    const hash = createHash('sha256');
    for (const line of lines) hash.update(line).update('\n');
    return { count: lines.length, sha256: hash.digest('hex') };
  }
}

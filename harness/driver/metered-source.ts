/**
 * Wraps the engine-facing source to count what the engine ingests, per poll (not per record, to stay
 * off the hot path): the throughput timeline, the measured-phase rate, and progress for the CLI.
 */
import type { Emit, PollResult, SourcePosition, SourceReader } from '../../engines/contract.js';
import type { EventTimeSchedule } from '../metrics/event-time-schedule.js';
import { Timeline } from '../metrics/timeline.js';

export class MeteredSource<T> implements SourceReader<T> {
  readonly timeline: Timeline;
  ingested = 0;
  measured = 0;
  firstMeasuredAt = Number.NaN;
  lastIngestAt = Number.NaN;

  constructor(
    private readonly inner: SourceReader<T>,
    startAt: number,
    private readonly warmupEndsAt: number,
    private readonly onProgress: (ingested: number) => void = () => {},
    /** When given, every emitted event's (event time, intended time) is noted in it (timeliness). */
    private readonly schedule: EventTimeSchedule | null = null,
  ) {
    this.timeline = new Timeline(startAt);
  }

  poll(now: number, max: number, emit: Emit<T>): PollResult {
    const schedule = this.schedule;
    const result =
      schedule === null
        ? this.inner.poll(now, max, emit)
        : this.inner.poll(now, max, (value, ts, createdAt) => {
            schedule.note(ts, createdAt);
            emit(value, ts, createdAt);
          });
    if (result.kind === 'records' && result.n > 0) {
      this.ingested += result.n;
      this.lastIngestAt = now;
      this.timeline.add(now, result.n);
      if (now >= this.warmupEndsAt) {
        if (Number.isNaN(this.firstMeasuredAt)) this.firstMeasuredAt = now;
        this.measured += result.n;
      }
      this.onProgress(this.ingested);
    }
    return result;
  }

  /**
   * Input events per second over the measured phase: from the first measured ingestion until `until`,
   * the moment the last of them was processed (the last output), not merely read. An engine that reads
   * its whole input at one clock reading (a micro-batch taking everything) would otherwise show an
   * infinite or zero rate.
   */
  measuredRate(until: number = this.lastIngestAt): number {
    const span = Math.max(until, this.lastIngestAt) - this.firstMeasuredAt;
    return span > 0 ? (this.measured / span) * 1000 : 0;
  }

  position(): SourcePosition {
    return this.inner.position();
  }
  seek(position: SourcePosition): void {
    this.inner.seek(position);
  }
}

/**
 * Several inputs replayed as one, merged by event time: a k-way merge over each input's next event, as
 * Flink's classic streaming example unions several stock-price sources into one stream. Each input is
 * read one event ahead, so memory stays one event per input whatever the files' sizes. Ties go to the
 * input listed first, so a merge is deterministic. Rejects of every input go to one shared log.
 */
import type { MarketEvent } from './events.js';
import type { RejectLog, ReplayableInput, Timestamped } from './input.js';

export class MergeInput implements ReplayableInput<MarketEvent> {
  private heads: (Timestamped<MarketEvent> | null)[] = [];
  private emitted = 0;

  /** `rejects` must be the log every one of `inputs` writes to. */
  constructor(
    private readonly inputs: readonly ReplayableInput<MarketEvent>[],
    readonly rejects: RejectLog,
  ) {
    this.restart();
  }

  next(): Timestamped<MarketEvent> | null {
    let best = -1;
    for (let i = 0; i < this.heads.length; i++) {
      const head = this.heads[i];
      if (head !== null && (best < 0 || head.ts < this.heads[best]!.ts)) best = i;
    }
    if (best < 0) return null;
    const event = this.heads[best];
    this.heads[best] = this.inputs[best].next();
    this.emitted++;
    return event;
  }

  position(): number {
    return this.emitted;
  }

  /** Rewinds every input to its start and reads ahead to `position` (merged positions have no shortcut). */
  seek(position: number): void {
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(`seek position must be a non-negative integer, got ${position}`);
    }
    if (position < this.emitted) this.restart();
    while (this.emitted < position && this.next() !== null) {}
  }

  describe(): Record<string, unknown> {
    const parts = this.inputs.map((input) => input.describe());
    const intervals = parts
      .map((p) => p.candleIntervalMs)
      .filter((ms): ms is number => typeof ms === 'number');
    return {
      format: 'merged',
      files: parts,
      // The coarsest interval, so every window of the workload holds a candle of every file.
      candleIntervalMs: intervals.length > 0 ? Math.max(...intervals) : null,
    };
  }

  private restart(): void {
    for (const input of this.inputs) input.seek(0);
    this.rejects.clear();
    this.heads = this.inputs.map((input) => input.next());
    this.emitted = 0;
  }
}

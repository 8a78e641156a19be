/**
 * The first `limit` events of an input (`--events N` on a recording): a short replay of a long file for
 * smoke tests and quick comparisons, read lazily so the rest of the file is never parsed.
 */
import type { MarketEvent } from './events.js';
import type { ReplayableInput, Timestamped } from './input.js';

export class TakeInput implements ReplayableInput<MarketEvent> {
  constructor(
    private readonly input: ReplayableInput<MarketEvent>,
    private readonly limit: number,
  ) {}

  get rejects() {
    return this.input.rejects;
  }

  next(): Timestamped<MarketEvent> | null {
    return this.input.position() < this.limit ? this.input.next() : null;
  }
  position(): number {
    return this.input.position();
  }
  seek(position: number): void {
    this.input.seek(Math.min(position, this.limit));
  }
  describe(): Record<string, unknown> {
    return { ...this.input.describe(), maxEvents: this.limit };
  }
}

/**
 * An in-memory input over pre-parsed values: for throughput benchmarks that must not measure parsing,
 * and for tests.
 */
import { RejectLog, type ReplayableInput, type Timestamped } from './input.js';

export class ArrayInput<T> implements ReplayableInput<T> {
  private index = 0;
  readonly rejects = new RejectLog();

  constructor(
    private readonly items: readonly Timestamped<T>[],
    private readonly name = 'array',
  ) {}

  next(): Timestamped<T> | null {
    return this.index < this.items.length ? this.items[this.index++] : null;
  }
  position(): number {
    return this.index;
  }
  seek(position: number): void {
    this.index = position;
  }
  describe(): Record<string, unknown> {
    return { format: 'in-memory', name: this.name, events: this.items.length };
  }
}

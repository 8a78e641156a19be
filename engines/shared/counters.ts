/** Counters summed over every operator instance of a run (user functions' and the engine's own). */
import type { Counters } from '../../workloads/plan/index.js';

export class CounterSet implements Counters {
  readonly values = new Map<string, number>();

  inc(name: string, by = 1): void {
    this.values.set(name, (this.values.get(name) ?? 0) + by);
  }
}

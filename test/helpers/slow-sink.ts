import type { SinkWriter } from '../../engines/contract.js';

/** What the slow sinks saw: writes, the most promises outstanding at once, and `close()` calls. */
export interface SlowSinkStats {
  written: number;
  maxPending: number;
  closed: number;
}

/**
 * A sink whose every `every`-th write returns a promise settling after `delayMs`, and an unused sink,
 * sharing one stats object: an engine honouring the contract never has more than one write pending
 * per sink, and closes each writer exactly once.
 */
export function slowSinks(every: number, delayMs: number) {
  const stats: SlowSinkStats = { written: 0, maxPending: 0, closed: 0 };
  let pending = 0;
  const slow: SinkWriter = {
    write() {
      stats.written++;
      if (stats.written % every !== 0) return;
      pending++;
      stats.maxPending = Math.max(stats.maxPending, pending);
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          pending--;
          resolve();
        }, delayMs),
      );
    },
    close() {
      stats.closed++;
    },
  };
  const unused: SinkWriter = { write() {}, close: () => void stats.closed++ };
  return { slow, unused, stats };
}

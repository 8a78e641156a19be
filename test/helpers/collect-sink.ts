import type { SinkWriter } from '../../engines/contract.js';

export interface Collected<T> {
  id: string;
  value: T;
  ts: number;
  createdAt: number;
  ingestedAt: number;
  at: number;
}

/** A sink that keeps everything it is given, with the wall time it arrived. */
export function collectSink<T>(out: Collected<T>[] = []): SinkWriter<T> & { out: Collected<T>[] } {
  return {
    out,
    write(id, value, ts, createdAt, ingestedAt) {
      out.push({ id, value, ts, createdAt, ingestedAt, at: performance.timeOrigin + performance.now() });
    },
  };
}

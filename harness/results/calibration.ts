/**
 * The calibration loop: a fixed, CPU-bound piece of plain JavaScript timed at the start of every bench
 * and stored in the results' provenance. `compare` divides timing ratios by the ratio of two results'
 * calibration times, so a machine that is uniformly 30% slower (another CI runner, a busy neighbour)
 * does not read as a 30% regression, while code that got slower on the same machine still does.
 *
 * The loop mixes what the engines' hot paths do: integer hashing, float arithmetic and typed-array
 * reads and writes, all monomorphic and allocation-free, so it tracks JIT-compiled throughput rather than
 * GC or I/O. Its result feeds a checksum so V8 cannot drop the work.
 */
import type { Calibration } from './schema.js';

/** Names the loop below; bump it whenever the loop changes, so old and new timings are not compared. */
export const CALIBRATION_LOOP = 'xorshift-fma-ring/v1';

const RING = 4096;
/** About 35 ms per sample on the 2-core Xeon class this project's CI uses (measured, quiet machine). */
const ITERATIONS = 10_000_000;
const SAMPLES = 7;

function loop(iterations: number): number {
  const ring = new Float64Array(RING);
  let x = 0x9e3779b9;
  let acc = 0;
  for (let i = 0; i < iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const slot = x & (RING - 1);
    const v = ring[slot] * 0.999 + (x >>> 8) * 1e-7;
    ring[slot] = v;
    acc += v;
  }
  return acc;
}

/**
 * Times the loop SAMPLES times after one untimed warm-up pass (so the timings are of optimised code) and
 * keeps the median, which shrugs off a sample that a context switch stretched.
 */
export function measureCalibration(): Calibration {
  let checksum = loop(ITERATIONS / 4);
  const samplesMs: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const start = performance.now();
    checksum += loop(ITERATIONS);
    samplesMs.push(performance.now() - start);
  }
  if (!Number.isFinite(checksum)) throw new Error('calibration loop produced a non-finite checksum');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { loop: CALIBRATION_LOOP, samplesMs, medianMs: sorted[(SAMPLES - 1) / 2] };
}

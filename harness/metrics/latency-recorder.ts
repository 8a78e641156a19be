/**
 * Latency distributions in an HdrHistogram (microsecond resolution, 3 significant digits, up to an
 * hour), summarised in milliseconds for the results.
 */
import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../results/schema.js';

const MAX_MICROS = 3_600_000_000;
/** The percentiles a summary keeps as CDF points for charts (the report uses them for merged histograms too). */
export const CDF_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100];

export class LatencyRecorder {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_MICROS,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 32,
    useWebAssembly: false,
  });

  /** Records one latency in ms (negative values, from clock skew, count as 0). */
  record(ms: number): void {
    const micros = Math.round(ms * 1000);
    this.histogram.recordValue(Math.min(MAX_MICROS, Math.max(1, micros)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  summary(): LatencySummary {
    const h = this.histogram;
    const at = (p: number) => h.getValueAtPercentile(p) / 1000;
    return {
      unit: 'ms',
      count: h.totalCount,
      min: h.totalCount === 0 ? 0 : h.minNonZeroValue / 1000,
      mean: h.totalCount === 0 ? 0 : h.mean / 1000,
      p50: at(50),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      p999: at(99.9),
      max: h.maxValue / 1000,
      cdf: h.totalCount === 0 ? [] : CDF_PERCENTILES.map((p) => [at(p), p / 100] as [number, number]),
      hdrBase64: hdr.encodeIntoCompressedBase64(h),
    };
  }
}

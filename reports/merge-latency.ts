/**
 * One latency CDF for several repetitions of a run, from their HdrHistograms added together (which is
 * why the results keep each histogram, compressed): the merged curve weighs every output of every
 * repetition once, which no average of per-repetition percentiles does.
 */
import * as hdr from 'hdr-histogram-js';
import { CDF_PERCENTILES } from '../harness/metrics/latency-recorder.js';
import type { LatencySummary } from '../harness/results/schema.js';

/** The bucket size the recorder builds its histograms with (harness/metrics/latency-recorder.ts). */
const BIT_BUCKET_SIZE = 32;

/**
 * [latency ms, fraction at or below] over all the summaries' outputs. A single summary, or any summary
 * without its histogram (a slimmed baseline), falls back to the first summary's own CDF points.
 */
export function mergedCdf(summaries: readonly LatencySummary[]): [number, number][] {
  const recorded = summaries.filter((s) => s.count > 0);
  if (recorded.length <= 1 || recorded.some((s) => s.hdrBase64 === ''))
    return (recorded[0] ?? summaries[0])?.cdf ?? [];
  const [first, ...rest] = recorded.map((s) =>
    hdr.decodeFromCompressedBase64(s.hdrBase64, BIT_BUCKET_SIZE, false),
  );
  for (const h of rest) first.add(h);
  return CDF_PERCENTILES.map((p) => [first.getValueAtPercentile(p) / 1000, p / 100]);
}

/**
 * A results file without its bulky series (CDF points, compressed histograms, timelines, rolling RMSE):
 * every figure `compare` reads is kept, so a slimmed file is a complete baseline at a tenth of the size,
 * small enough to commit and regenerate whenever the engines change. It still parses as results; a
 * report drawn from it has tables but empty charts.
 */
import type { LatencySummary, Results, RunResult } from './schema.js';

function slimLatency(summary: LatencySummary): LatencySummary {
  return { ...summary, cdf: [], hdrBase64: '' };
}

function slimRun(run: RunResult): RunResult {
  if (run.state !== 'completed') return run;
  const { timing, deterministic } = run;
  return {
    ...run,
    timing: {
      ...timing,
      throughputTimeline: [],
      latencyTimeline: [],
      latency: {
        processingTime: slimLatency(timing.latency.processingTime),
        eventTime: timing.latency.eventTime === null ? null : slimLatency(timing.latency.eventTime),
      },
    },
    deterministic: { ...deterministic, accuracy: { ...deterministic.accuracy, rollingRmse: [] } },
  };
}

export function slimResults(results: Results): Results {
  return { ...results, runs: results.runs.map(slimRun) };
}

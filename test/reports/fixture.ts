/** Loads the golden results fixture, validated, plus variants for the report and compare tests. */
import { readFileSync } from 'node:fs';
import { historyEntryOf } from '../../harness/history/store.js';
import type { CompletedRun, LatencySummary, Results } from '../../harness/results/schema.js';
import { Results as ResultsSchema } from '../../harness/results/schema.js';
import type { ReportData } from '../../reports/report-data.js';

/** The hand-made results for schema version 1: flink × persistence, flink × linear, one errored run. */
export function loadFixture(): Results {
  const json: unknown = JSON.parse(
    readFileSync(new URL('fixtures/results-v1.json', import.meta.url), 'utf8'),
  );
  return ResultsSchema.parse(json);
}

/**
 * The fixture as a sweep's results: its completed runs repeated at three rates of one knob value each,
 * throughput and latency scaled so the curve has a shape.
 */
export function sweepFixture(): Results {
  const results = loadFixture();
  const completed = results.runs.filter((r) => r.state === 'completed');
  results.runs = completed.flatMap((run, i) =>
    [5000, 10000, 20000].map((rate, j) => ({
      ...run,
      variant: {
        label: `bufferTimeoutMs=${i * 100} @ ${rate} ev/s`,
        knob: 'flink.bufferTimeoutMs',
        value: i * 100,
        rate,
      },
      timing: { ...run.timing, throughputEventsPerSec: rate * (1 - 0.01 * j) },
    })),
  );
  return ResultsSchema.parse(results);
}

/** A string that must come out of every renderer as inert text. */
export const MALICIOUS = '<script>alert(1)</script>';

/** The fixture with the first run's engine and the errored run's message replaced by markup. */
export function maliciousFixture(): Results {
  const results = loadFixture();
  results.runs = results.runs.map((run) =>
    run.state === 'errored'
      ? { ...run, error: { ...run.error, message: MALICIOUS } }
      : { ...run, engine: run.model === 'persistence' ? MALICIOUS : run.engine },
  );
  return results;
}

function scaleLatency(s: LatencySummary, k: number): LatencySummary {
  return {
    ...s,
    min: s.min * k,
    mean: s.mean * k,
    p50: s.p50 * k,
    p90: s.p90 * k,
    p95: s.p95 * k,
    p99: s.p99 * k,
    p999: s.p999 * k,
    max: s.max * k,
    cdf: s.cdf.map(([ms, f]) => [ms * k, f]),
  };
}

/** The run as if every piece of its work took `k` times as long: latencies and CPU ×k, throughput ÷k. */
export function slowedBy(run: CompletedRun, k: number): CompletedRun {
  const t = run.timing;
  return {
    ...run,
    timing: {
      ...t,
      wallMs: t.wallMs * k,
      throughputEventsPerSec: t.throughputEventsPerSec / k,
      latency: {
        processingTime: scaleLatency(t.latency.processingTime, k),
        eventTime: t.latency.eventTime && scaleLatency(t.latency.eventTime, k),
      },
      resources: {
        ...t.resources,
        cpuUserMs: t.resources.cpuUserMs * k,
        cpuSystemMs: t.resources.cpuSystemMs * k,
      },
    },
  };
}

/**
 * The fixture's completed runs (and its errored one) as `factors.length` repetitions: repetition i has
 * its timing slowed by factors[i], so a test controls the spread exactly. `calibrationMs` sets the
 * machine speed the results claim.
 */
export function repeatedFixture(factors: readonly number[], calibrationMs = 40, runId = 'repeated'): Results {
  const results = loadFixture();
  results.runId = runId;
  results.provenance.calibration = {
    loop: 'xorshift-fma-ring/v1',
    samplesMs: [calibrationMs],
    medianMs: calibrationMs,
  };
  results.runs = factors.flatMap((k, repetition) =>
    results.runs.map((run) => ({ ...(run.state === 'completed' ? slowedBy(run, k) : run), repetition })),
  );
  return ResultsSchema.parse(results);
}

/** Faults with full recovery timelines on the first completed run, a Storm-like one (no state) on the second. */
export function withRecovery(results: Results): Results {
  let i = 0;
  results.runs = results.runs.map((run) => {
    if (run.state !== 'completed') return run;
    const restoredMs = i++ % 2 === 0 ? 650 : null;
    const fault = { injectedAtMs: 1500, detectedMs: 120, restartedMs: 400, restoredMs, caughtUpMs: 1800 };
    return { ...run, recovery: { faults: [{ kind: 'kill-task', ...fault }] } };
  });
  return ResultsSchema.parse(results);
}

/** Timeliness, duplicate deliveries and late-dropped events on every completed run. */
export function withDelivery(results: Results): Results {
  results.runs = results.runs.map((run, i) => {
    if (run.state !== 'completed') return run;
    const errors = { count: 90, rmse: 0.001, mae: 0.001, directionalAccuracy: 0.5 };
    const timeliness = {
      scored: 100,
      actionable: 60 + i * 10,
      actionableShare: 0.6 + i / 10,
      medianSlackMs: 80,
      accuracy: errors,
    };
    return {
      ...run,
      timing: { ...run.timing, timeliness },
      deterministic: { ...run.deterministic, accuracy: { ...run.deterministic.accuracy, duplicates: i * 3 } },
      counters: { ...run.counters, 'window.lateDropped': 2 + i },
    };
  });
  return ResultsSchema.parse(results);
}

/** Two history entries of the fixture on two commits, the second 10% slower. */
export function historyFixture() {
  const first = loadFixture();
  const second = repeatedFixture([1.1], 40, 'second');
  second.provenance.gitCommit = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
  second.provenance.startedAt = '2026-11-26T08:00:00.000Z';
  return [historyEntryOf(first), historyEntryOf(second)];
}

/**
 * Data for which every chart in the report applies: repeated runs with faults and delivery counts,
 * merged with a sweep's results, a history of two commits, and a comparison with the plain fixture.
 */
export function everyChartResults(): Results[] {
  return [withDelivery(withRecovery(repeatedFixture([1, 1.05, 0.97]))), sweepFixture()];
}

export function everyChartData(comparison?: ReportData['comparison']): ReportData {
  return { results: everyChartResults(), history: historyFixture(), comparison };
}

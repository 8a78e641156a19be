/** Loads the golden results fixture, validated, plus variants for the report tests. */
import { readFileSync } from 'node:fs';
import { Results } from '../../harness/results/schema.js';

/** The hand-made results for schema version 1: flink × persistence, flink × linear, one errored run. */
export function loadFixture(): Results {
  const json: unknown = JSON.parse(
    readFileSync(new URL('fixtures/results-v1.json', import.meta.url), 'utf8'),
  );
  return Results.parse(json);
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
  return Results.parse(results);
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

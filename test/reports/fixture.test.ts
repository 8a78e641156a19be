import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RESULTS_SCHEMA_VERSION, Results } from '../../harness/results/schema.js';

describe('reports: golden results fixture', () => {
  it('results-v1.json is valid against the current schema, unchanged by parsing', () => {
    const json = JSON.parse(readFileSync(new URL('fixtures/results-v1.json', import.meta.url), 'utf8'));
    expect(json.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(Results.parse(json)).toEqual(json);
  });

  it('holds two completed flink runs (persistence, linear) and one errored run', () => {
    const json = JSON.parse(readFileSync(new URL('fixtures/results-v1.json', import.meta.url), 'utf8'));
    const runs = Results.parse(json).runs.map((r) => [r.engine, r.model, r.state]);
    expect(runs).toEqual([
      ['flink', 'persistence', 'completed'],
      ['flink', 'linear', 'completed'],
      ['spark', 'linear', 'errored'],
    ]);
  });
});

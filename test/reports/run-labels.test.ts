import { describe, expect, it } from 'vitest';
import type { Results } from '../../harness/results/schema.js';
import { runGroups, sourceOf } from '../../reports/runs.js';
import { loadFixture } from './fixture.js';

function fromKafka(results: Results): Results {
  return {
    ...results,
    runId: 'kafka-run',
    dataset: { format: 'kafka', brokers: ['127.0.0.1:19092'], topic: 't' },
  };
}

describe('run labels', () => {
  it('tells a Kafka-sourced results file from an in-process one when both are merged', () => {
    const inProcess = loadFixture();
    const kafka = fromKafka(loadFixture());
    expect([sourceOf(inProcess), sourceOf(kafka)]).toEqual(['in-process', 'kafka']);
    const labels = runGroups([inProcess, kafka]).map((g) => g.label);
    const [first] = runGroups(inProcess);
    expect(labels).toContain(`${first!.engine} × ${first!.model} (in-process)`);
    expect(labels).toContain(`${first!.engine} × ${first!.model} (kafka)`);
  });

  it('labels a lone Kafka run as such, and falls back to run ids for files from the same source', () => {
    const kafka = fromKafka(loadFixture());
    expect(runGroups(kafka).every((g) => g.label.endsWith('(kafka)'))).toBe(true);
    const a = loadFixture();
    const b = { ...loadFixture(), runId: 'other' };
    expect(runGroups([a, b]).some((g) => g.label.endsWith('(other)'))).toBe(true);
    expect(runGroups(a).some((g) => g.label.includes('('))).toBe(false);
  });
});

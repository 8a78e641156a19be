/**
 * The lstm model's runtime is readied by the workload's prepare hook before the plan runs, and the
 * run's result says which TensorFlow.js backend and version it ran on.
 */
import { describe, expect, it } from 'vitest';
import { RunConfig } from '../../harness/config/schema.js';
import { CompletedRun } from '../../harness/results/schema.js';
import { runOne } from '../../harness/run/run-one.js';

const config = (model: string, tfBackend: string) =>
  RunConfig.parse({
    models: [model],
    tfBackend,
    data: { generator: { messages: 8000 } },
    driver: { pacing: 'unpaced', warmupMs: 0 },
    isolation: 'in-process',
  });

describe('harness/run: model runtime facts in a run result', () => {
  it('an lstm run reports the backend it ran on', async () => {
    const result = await runOne(config('lstm', 'wasm'), 'flink', 'lstm', { process: 'in-process' });
    if (result.state !== 'completed') throw new Error(result.error.message);
    // Through the results schema, as a results file would hold it.
    expect(CompletedRun.parse(result).modelRuntime).toMatchObject({
      tfBackend: 'wasm',
      tfVersion: expect.stringMatching(/^4\./),
    });
  });

  it('a model without a runtime reports none', async () => {
    const result = await runOne(config('sgd', 'wasm'), 'flink', 'sgd', { process: 'in-process' });
    if (result.state !== 'completed') throw new Error(result.error.message);
    expect(result.modelRuntime).toBeUndefined();
  });
});

/**
 * `--workload alerts` through the harness: the configuration defaults its models to the workload's own
 * and refuses a crypto model for it; a run binds the plan's sinks, records latency per window output,
 * computes the workload's figures, and leaves accuracy and delivery out (nothing is scored).
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../harness/config/load.js';
import { ConfigError } from '../../harness/errors.js';
import { runOne } from '../../harness/run/run-one.js';

describe('the alerts workload in the harness', () => {
  it('defaults its models to "rules" and takes its settings from alerts.*', () => {
    const config = resolveConfig({ workload: 'alerts', alerts: { thresholdPct: 5 } }, 'test');
    expect(config.models).toEqual(['rules']);
    expect(config.alerts).toEqual({ thresholdPct: 5, countWindowMs: 30_000, sessionGapMs: 250 });
    expect(resolveConfig({}, 'test').models).toEqual(['persistence', 'linear', 'sgd', 'lstm']);
  });

  it('refuses a model the workload does not have, naming the setting', () => {
    expect(() => resolveConfig({ workload: 'alerts', models: ['linear'] }, 'test')).toThrow(ConfigError);
    expect(() => resolveConfig({ workload: 'alerts', models: ['linear'] }, 'test')).toThrow(
      /models: workload alerts has no model linear/,
    );
    expect(() => resolveConfig({ models: ['rules'] }, 'test')).toThrow(/crypto-predictor has no model rules/);
  });

  it('runs on an engine: window outputs digested and timed, figures computed, no accuracy', async () => {
    const config = resolveConfig(
      {
        workload: 'alerts',
        data: { generator: { messages: 8_000 } },
        driver: { pacing: 'unpaced', warmupMs: 0 },
        alerts: { countWindowMs: 5_000 },
      },
      'test',
    );
    const run = await runOne(config, 'naiad', 'rules', { process: 'in-process' });
    if (run.state !== 'completed') throw new Error(run.error.message);
    expect(Object.keys(run.deterministic.outputs).sort()).toEqual(['sessions', 'warningCounts', 'warnings']);
    expect(run.deterministic.outputs.warnings.count).toBe(run.workloadFigures?.warnings);
    expect(run.deterministic.outputs.sessions.count).toBe(run.workloadFigures?.sessions);
    expect(run.workloadFigures?.sessions).toBeGreaterThan(0);
    expect(Object.keys(run.timing.latencyByOutput ?? {})).toEqual(['warnings', 'warningCounts', 'sessions']);
    expect(run.timing.latencyByOutput?.sessions.processingTime.count).toBe(
      run.deterministic.outputs.sessions.count,
    );
    expect(run.deterministic.accuracy.model.count).toBe(0);
    expect(run.deterministic.delivery).toBeUndefined();
  });
});

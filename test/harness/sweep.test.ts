/** `flinkcoin sweep`: settings parse, each value becomes a validated run, and results carry the points. */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { RunConfig } from '../../harness/config/schema.js';
import { ConfigError } from '../../harness/errors.js';
import { type BenchEvent, bench } from '../../harness/run/bench.js';
import { parseSweepSetting, sweepRuns } from '../../harness/run/sweep.js';

const base = RunConfig.parse({});

describe('harness/sweep', () => {
  it('parses engine.knob=v1,v2 with JSON values', () => {
    expect(parseSweepSetting('flink.bufferTimeoutMs=0,5,null')).toEqual({
      engine: 'flink',
      knob: 'bufferTimeoutMs',
      values: [0, 5, null],
    });
  });

  it.each(['bufferTimeoutMs=0', 'flink.bufferTimeoutMs', 'flink.bufferTimeoutMs=', 'nope.x=1'])(
    'rejects %j with a ConfigError',
    (text) => {
      expect(() => parseSweepSetting(text)).toThrow(ConfigError);
    },
  );

  it('makes one run per value × rate, each with the knob set and the rate in its driver', () => {
    const runs = sweepRuns(
      base,
      [parseSweepSetting('spark.triggerIntervalMs=0,500')],
      'linear',
      [1000, 4000],
    );
    expect(runs.map((r) => [r.config.engine.spark.triggerIntervalMs, r.config.driver.rate])).toEqual([
      [0, 1000],
      [0, 4000],
      [500, 1000],
      [500, 4000],
    ]);
    expect(runs.every((r) => r.engine === 'spark' && r.model === 'linear')).toBe(true);
    expect(runs[3].variant).toEqual({
      label: 'triggerIntervalMs=500 @ 4000 ev/s',
      knob: 'spark.triggerIntervalMs',
      value: 500,
      rate: 4000,
    });
  });

  it("validates each value with the engine's schema before anything runs", () => {
    expect(() => sweepRuns(base, [parseSweepSetting('flink.bufferTimeoutMs=5,-1')], 'linear', [])).toThrow(
      /flink.bufferTimeoutMs=-1/,
    );
    expect(() => sweepRuns(base, [parseSweepSetting('flink.noSuchKnob=1')], 'linear', [])).toThrow(
      ConfigError,
    );
  });

  it('runs the points and records each one in its result', async () => {
    const config = RunConfig.parse({
      data: { generator: { messages: 4000 } },
      driver: { warmupMs: 0 },
      isolation: 'in-process',
      outDir: mkdtempSync(join(tmpdir(), 'flinkcoin-sweep-')),
    });
    const specs = sweepRuns(
      config,
      [parseSweepSetting('flink.bufferTimeoutMs=0,100')],
      'persistence',
      [20_000],
    );
    const { results } = await bench(config, 'test', new Subject<BenchEvent>(), specs);
    expect(results.runs.map((r) => [r.state, r.variant?.value, r.engineConfig.bufferTimeoutMs])).toEqual([
      ['completed', 0, 0],
      ['completed', 100, 100],
    ]);
  });
});

describe('harness/run: a hung run', () => {
  it('is killed after runTimeoutMs and reported as errored, and the bench goes on', async () => {
    const config = RunConfig.parse({
      engines: ['flink'],
      models: ['persistence'],
      data: { generator: { messages: 200_000 } },
      driver: { rate: 1000, warmupMs: 0 }, // 200 s of input: far beyond the timeout
      runTimeoutMs: 1500,
      outDir: mkdtempSync(join(tmpdir(), 'flinkcoin-timeout-')),
    });
    const { results } = await bench(config, 'test', new Subject<BenchEvent>());
    const [run] = results.runs;
    expect(run.state).toBe('errored');
    if (run.state === 'errored') expect(run.error.message).toContain('runTimeoutMs = 1500');
  });
});

/**
 * `flinkcoin sweep`: the latency-vs-throughput trade-off of one knob per engine. Each setting such as
 * `flink.bufferTimeoutMs=0,5,20,100` becomes one run per value (× each driver rate, when several are
 * given), every run of one engine with the same model and input, so the curve isolates the knob.
 *
 *   "flink.bufferTimeoutMs=0,100" × rates [5000, 20000]
 *     → flink linear {bufferTimeoutMs: 0}   @ 5000, @ 20000
 *     → flink linear {bufferTimeoutMs: 100} @ 5000, @ 20000
 */
import { engineEntry } from '../../engines/registry.js';
import type { RunConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import type { RunSpec } from './bench.js';

/** One swept knob: `engine.knob` and the values to try, in the order given. */
export interface SweepSetting {
  readonly engine: string;
  readonly knob: string;
  readonly values: readonly unknown[];
}

/** Parses `engine.knob=v1,v2,...`; values are JSON where they parse (numbers, null, booleans), else text. */
export function parseSweepSetting(text: string): SweepSetting {
  const eq = text.indexOf('=');
  const dot = text.indexOf('.');
  if (eq <= 0 || dot <= 0 || dot > eq) {
    throw new ConfigError(
      `a sweep setting is engine.knob=v1,v2,... (e.g. flink.bufferTimeoutMs=0,100), got "${text}"`,
    );
  }
  const engine = text.slice(0, dot);
  const knob = text.slice(dot + 1, eq);
  engineEntry(engine);
  const values = text
    .slice(eq + 1)
    .split(',')
    .filter((v) => v.trim() !== '')
    .map(jsonOrText);
  if (values.length === 0)
    throw new ConfigError(`sweep setting "${text}" lists no values`, `${engine}.${knob}`);
  return { engine, knob, values };
}

/**
 * The runs of a sweep. Each run's engine knobs are validated by the engine's own schema here, before
 * anything runs, so a bad value fails the sweep at once and names the setting.
 */
export function sweepRuns(
  base: RunConfig,
  settings: readonly SweepSetting[],
  model: string,
  rates: readonly number[],
): RunSpec[] {
  const driverRates: (number | null)[] = rates.length > 0 ? [...rates] : [ratePaced(base)];
  return settings.flatMap(({ engine, knob, values }) =>
    values.flatMap((value) =>
      driverRates.map((rate): RunSpec => {
        const knobs = { ...(base.engine[engine] ?? {}), [knob]: value };
        const parsed = engineEntry(engine).config.safeParse(knobs);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new ConfigError(
            `${engine}.${knob}=${JSON.stringify(value)}: ${issue.message}`,
            `engine.${engine}.${knob}`,
          );
        }
        const driver = rate === null ? base.driver : { ...base.driver, pacing: 'rate' as const, rate };
        const config: RunConfig = { ...base, engine: { ...base.engine, [engine]: parsed.data }, driver };
        const label = `${knob}=${JSON.stringify(value)}${rate === null ? '' : ` @ ${rate} ev/s`}`;
        return { engine, model, config, variant: { label, knob: `${engine}.${knob}`, value, rate } };
      }),
    ),
  );
}

function ratePaced(config: RunConfig): number | null {
  return config.driver.pacing === 'rate' ? config.driver.rate : null;
}

function jsonOrText(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

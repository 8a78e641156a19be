/**
 * Resolves the run configuration: schema defaults ← config file (JSON) ← CLI flags ← `--set` overrides.
 * Every problem becomes a ConfigError naming the setting (and the file), never a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ALL_ENGINES } from '../../engines/registry.js';
import { WORKLOAD_NAME } from '../../workloads/crypto/plan.js';
import { workload } from '../../workloads/registry.js';
import { ConfigError } from '../errors.js';
import { profileOf } from '../run/data-profile.js';
import { dataFiles, openInput } from '../run/inputs.js';
import { RunConfig } from './schema.js';

type Json = Record<string, unknown>;

export function readConfigFile(path: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config file ${path}: ${(e as Error).message}`, 'config');
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Json;
  } catch (e) {
    throw new ConfigError(`config file ${path} is not a JSON object: ${(e as Error).message}`, 'config');
  }
}

/**
 * Applies `path=value` overrides. A path starting with an engine name is that engine's knob
 * (`flink.bufferTimeoutMs=0` → engine.flink.bufferTimeoutMs); others address the config itself
 * (`driver.rate=5000`). Values are JSON when they parse as JSON, strings otherwise.
 */
export function applySets(config: Json, sets: readonly string[]): Json {
  const out = structuredClone(config);
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--set expects path=value, got "${set}"`, set);
    let path = set.slice(0, eq).split('.');
    const raw = set.slice(eq + 1);
    if (path[0] in ALL_ENGINES) path = ['engine', ...path];
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {}
    setPath(out, path, value);
  }
  return out;
}

/** Sets `value` at a dotted path, creating objects on the way; undefined leaves the config as it is. */
export function setPath(config: Json, path: readonly string[], value: unknown): void {
  if (value === undefined) return;
  let node: Json = config;
  for (const part of path.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Json;
  }
  node[path[path.length - 1]] = value;
}

/** Validates the merged config and each selected engine's knobs; `source` names where it came from. */
export function resolveConfig(merged: Json, source: string): RunConfig {
  const result = RunConfig.safeParse(merged);
  if (!result.success) throw new ConfigError(describeIssues(result.error, source));
  const config = result.data;
  defaultModelsOfWorkload(config, merged);
  if (config.data.source === 'file') {
    for (const file of dataFiles(config)) {
      if (!existsSync(file))
        throw new ConfigError(`data file ${file} does not exist (from ${source})`, 'data.file');
    }
    followCandleInterval(config, merged);
  }
  for (const name of config.engines) {
    const entry = ALL_ENGINES[name];
    if (entry === undefined) {
      throw new ConfigError(
        `unknown engine "${name}" in ${source}; choose from ${Object.keys(ALL_ENGINES).join(', ')}`,
      );
    }
    const knobs = entry.config.safeParse(config.engine[name] ?? {});
    if (!knobs.success) throw new ConfigError(describeIssues(knobs.error, source, `engine.${name}`));
    config.engine[name] = knobs.data;
  }
  return config;
}

/**
 * The models default to the crypto predictor's; another workload without `models` set runs its own,
 * and a model the workload does not have is an error naming the setting.
 */
function defaultModelsOfWorkload(config: RunConfig, merged: Json): void {
  const own = workload(config.workload).models;
  if (merged.models === undefined && config.workload !== WORKLOAD_NAME)
    config.models = [...own] as RunConfig['models'];
  const foreign = config.models.filter((m) => !own.includes(m));
  if (foreign.length > 0) {
    throw new ConfigError(
      `invalid setting models: workload ${config.workload} has no model ${foreign.join(', ')}; choose from ${own.join(', ')}`,
      'models',
    );
  }
}

/**
 * With candles, the feature window follows their interval (one candle per window), unless the config set
 * `workloadConfig.windowMs` itself. Reading the files' heads here also fails fast, before any run, with a
 * `DatasetFormatError` for a file in no known format.
 */
function followCandleInterval(config: RunConfig, merged: Json): void {
  const interval = profileOf(openInput(config).describe()).candleIntervalMs;
  const set = (merged.workloadConfig as Json | undefined)?.windowMs !== undefined;
  if (interval !== null && !set) config.workloadConfig.windowMs = Math.max(1, Math.round(interval));
}

function describeIssues(error: z.ZodError, source: string, prefix = ''): string {
  return error.issues
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return `invalid setting ${path || '(root)'} in ${source}: ${i.message}`;
    })
    .join('\n');
}

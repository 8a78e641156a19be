/**
 * Engines by name, each with the schema of its knobs (defaults = the real system's). One place decides
 * which engines exist, as Beam's runner registry.
 */
import type { z } from 'zod';
import { ConfigError } from '../harness/errors.js';
import type { Engine } from './contract.js';
import { FlinkConfig } from './flink/config.js';
import { flinkEngine } from './flink/engine.js';
import { NaiadConfig } from './naiad/config.js';
import { naiadEngine } from './naiad/engine.js';
import { SparkConfig } from './spark/config.js';
import { sparkEngine } from './spark/engine.js';
import { StormConfig } from './storm/config.js';
import { stormEngine } from './storm/engine.js';

export interface EngineEntry {
  readonly engine: Engine;
  readonly config: z.ZodType<Record<string, unknown>>;
}

export const ENGINES: Record<string, EngineEntry> = {
  flink: { engine: flinkEngine, config: FlinkConfig },
  spark: { engine: sparkEngine, config: SparkConfig },
  storm: { engine: stormEngine, config: StormConfig },
  naiad: { engine: naiadEngine, config: NaiadConfig },
};

export const ENGINE_NAMES = Object.keys(ENGINES);

export function engineEntry(name: string): EngineEntry {
  const entry = ENGINES[name];
  if (entry === undefined) {
    throw new ConfigError(`unknown engine "${name}"; choose from ${ENGINE_NAMES.join(', ')}`, 'engines');
  }
  return entry;
}

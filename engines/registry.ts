/**
 * Engines by name, each with the schema of its knobs (defaults = the real system's). One place decides
 * which engines exist, as Beam's runner registry.
 */
import type { z } from 'zod';
import { ConfigError } from '../harness/errors.js';
import type { Engine } from './contract.js';
import { FlinkConfig } from './flink/config.js';
import { flinkEngine } from './flink/engine.js';
import { FlinkRealConfig } from './flink-real/config.js';
import { flinkRealEngine } from './flink-real/engine.js';
import { NaiadConfig } from './naiad/config.js';
import { naiadEngine } from './naiad/engine.js';
import { SparkConfig } from './spark/config.js';
import { sparkEngine } from './spark/engine.js';
import { StormConfig } from './storm/config.js';
import { stormEngine } from './storm/engine.js';

export interface EngineEntry {
  readonly engine: Engine;
  readonly config: z.ZodType<Record<string, unknown>>;
  /**
   * Runs outside this process on a real system (a JVM, a cluster, a Kafka broker): never in the default
   * engine list, only when asked for by name (`--engines flink-real`), and not in the generic engine tests.
   */
  readonly external?: boolean;
}

export const ENGINES: Record<string, EngineEntry> = {
  flink: { engine: flinkEngine, config: FlinkConfig },
  spark: { engine: sparkEngine, config: SparkConfig },
  storm: { engine: stormEngine, config: StormConfig },
  naiad: { engine: naiadEngine, config: NaiadConfig },
};

/** The in-process emulations: the default engine list, and what the generic engine tests run. */
export const ENGINE_NAMES = Object.keys(ENGINES);

/** Engines on real systems, chosen by name only. */
export const EXTERNAL_ENGINES: Record<string, EngineEntry> = {
  'flink-real': { engine: flinkRealEngine, config: FlinkRealConfig, external: true },
};

/** Every engine a config may name. */
export const ALL_ENGINES: Record<string, EngineEntry> = { ...ENGINES, ...EXTERNAL_ENGINES };

export function engineEntry(name: string): EngineEntry {
  const entry = ALL_ENGINES[name];
  if (entry === undefined) {
    throw new ConfigError(
      `unknown engine "${name}"; choose from ${Object.keys(ALL_ENGINES).join(', ')}`,
      'engines',
    );
  }
  return entry;
}

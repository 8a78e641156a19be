/**
 * Engine knobs a fault run turns on unless the user set them: each engine's recovery mechanism, with a
 * period short enough for a benchmark-length run (the real defaults are minutes: Flink has
 * checkpointing off, storm-kafka-client commits offsets every 30 s). Without them a crash would only
 * show that an engine with no fault tolerance starts over.
 *
 * A knob counts as "set" when it differs from the engine's own default: the CLI hands engines fully
 * resolved knobs, so a default value cannot be told apart from one typed in.
 */
import { isDeepStrictEqual } from 'node:util';
import { engineEntry } from '../../engines/registry.js';

const FAULT_RUN_DEFAULTS: Readonly<Record<string, Record<string, unknown>>> = {
  // Aligned barriers every 500 ms, exactly-once, two-phase-commit sink.
  flink: { checkpointIntervalMs: 500 },
  // Spark: every micro-batch is a transaction already (offset log, commit log, idempotent sink).
  spark: {},
  // Storm: acked offsets committed every 500 ms; stateful bolts stay off (the default), so bolt state
  // is lost on a crash — set `storm.stateful` to keep it.
  storm: { offsetCommitPeriodMs: 500 },
  // A global checkpoint every 10 epochs completed at the frontier.
  naiad: { checkpoint: { everyEpochs: 10 } },
};

export function faultRunEngineConfig(engine: string, user: Record<string, unknown> | undefined) {
  const defaults = engineEntry(engine).config.parse({});
  const config = { ...(user ?? {}) };
  for (const [key, value] of Object.entries(FAULT_RUN_DEFAULTS[engine] ?? {})) {
    if (config[key] === undefined || isDeepStrictEqual(config[key], defaults[key])) config[key] = value;
  }
  return config;
}

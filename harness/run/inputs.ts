/** Opens the configured input: today the seeded generator (files and Kafka come with later issues). */
import type { MarketEvent } from '../../datasets/events.js';
import { GeneratorInput } from '../../datasets/generator/input.js';
import type { ReplayableInput } from '../../datasets/input.js';
import type { RunConfig } from '../config/schema.js';

type GeneratorSettings = RunConfig['data']['generator'];

export function generatorInput(
  settings: Partial<GeneratorSettings>,
  seed: number,
): ReplayableInput<MarketEvent> {
  const params = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  return new GeneratorInput({ ...params, seed });
}

export function openInput(config: RunConfig): ReplayableInput<MarketEvent> {
  return generatorInput(config.data.generator, config.seed);
}

export function describeInput(config: RunConfig): Record<string, unknown> {
  return openInput(config).describe();
}

/** Opens the configured input: the seeded generator or a recorded Coinbase ws-feed file. */

import { CoinbaseFileInput } from '../../datasets/coinbase/file-input.js';
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
  const { source, file } = config.data;
  if (source === 'file' && file !== undefined) return new CoinbaseFileInput(file);
  return generatorInput(config.data.generator, config.seed);
}

export function describeInput(config: RunConfig): Record<string, unknown> {
  return openInput(config).describe();
}

/**
 * The synthetic feed as a replayable input: generated lines go through the same Coinbase parser as a
 * recorded file, so the generator exercises the real ingest path and its numbers are what a file gives.
 */
import { CoinbaseLineInput } from '../coinbase/line-input.js';
import { CoinbaseFeedGenerator } from './feed.js';
import { type GeneratorParams, resolveGeneratorParams } from './params.js';

/**
 * Replays `CoinbaseFeedGenerator` lines as `MarketEvent`s. Rejects are labelled `generator(seed=N)` with
 * the 1-based message index as the line; `seek` back regenerates from the start (cheap and identical).
 */
export class GeneratorInput extends CoinbaseLineInput {
  /** The parameters in effect, defaults filled in. */
  readonly params: GeneratorParams;

  constructor(params: Partial<GeneratorParams> = {}) {
    const resolved = resolveGeneratorParams(params);
    super({
      open: () => new CoinbaseFeedGenerator(resolved),
      file: `generator(seed=${resolved.seed})`,
      description: { format: 'coinbase-exchange (synthetic)', generator: resolved, seed: resolved.seed },
    });
    this.params = resolved;
  }
}

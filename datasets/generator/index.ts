/**
 * The seeded synthetic Coinbase-schema market feed: what the harness replays when no recorded data is
 * configured, and what `flinkcoin generate` writes out.
 */
export { CoinbaseFeedGenerator, generatorLines } from './feed.js';
export { DEFAULT_GENERATOR_PARAMS, type GeneratorParams, resolveGeneratorParams } from './params.js';

/**
 * Coinbase Exchange ws-feed lines (classic schema) as a replayable input: the generic line input with the
 * Coinbase parser of one feed version. The generator replays its lines through this, so synthetic data
 * takes the same ingest path as a recording.
 */
import { ParsedLineInput, type ParsedLineInputOptions } from '../line-input.js';
import { coinbaseFormatParser } from './index.js';

/** How a `CoinbaseLineInput` reads and labels its lines. */
export interface CoinbaseLineInputOptions extends Omit<ParsedLineInputOptions, 'parser'> {
  /** The feed version to parse with (default: the newest). */
  readonly feedVersion?: number;
}

export class CoinbaseLineInput extends ParsedLineInput {
  constructor(options: CoinbaseLineInputOptions) {
    const parse = coinbaseFormatParser(options.file, options.feedVersion);
    super({ ...options, parser: () => parse });
  }
}

/**
 * Coinbase Exchange feed parsers by feed version, in the style of kafkajs's protocol codecs: each version
 * has a parser and a golden fixture pair (`fixtures/v<N>_input.jsonl` → `fixtures/v<N>_expected.json`)
 * that the tests replay, so a new wire version is added beside the old one instead of editing it.
 * Version 1 is the classic ws-feed (`level2`, `ticker`, `matches` channels).
 */
import type { FormatParser } from '../formats/parser.js';
import { type LineParser, parseCoinbaseLine } from './parse.js';

export { type LineParser, type ParseOutcome, parseCoinbaseLine } from './parse.js';

const PARSERS: Readonly<Record<number, LineParser>> = {
  1: parseCoinbaseLine,
};

/** Feed versions with a parser (and a golden fixture), oldest first. */
export const COINBASE_FEED_VERSIONS: readonly number[] = Object.keys(PARSERS).map(Number);

/** The newest feed version; what inputs use unless told otherwise. */
export const LATEST_COINBASE_FEED_VERSION = Math.max(...COINBASE_FEED_VERSIONS);

/** The parser for one feed version; throws a RangeError naming the known versions for any other. */
export function coinbaseParser(version: number = LATEST_COINBASE_FEED_VERSION): LineParser {
  const parser = PARSERS[version];
  if (!parser) {
    throw new RangeError(`no Coinbase feed parser v${version} (known: ${COINBASE_FEED_VERSIONS.join(', ')})`);
  }
  return parser;
}

/** The classic feed as a `FormatParser` for one file; stateless, so one serves every replay. */
export function coinbaseFormatParser(file: string, version?: number): FormatParser {
  const parse = coinbaseParser(version);
  return { parse: (text, line) => parse(text, file, line), end: () => [] };
}

/**
 * A recorded Coinbase Exchange ws-feed (`.jsonl` or `.jsonl.gz`, one message per line) as a replayable
 * input, read in chunks so recordings larger than memory replay too.
 */
import { FileLines } from './file-lines.js';
import { LATEST_COINBASE_FEED_VERSION } from './index.js';
import { CoinbaseLineInput } from './line-input.js';

/**
 * Replays a recorded feed file. Rejects carry the path and 1-based line number; `seek` back re-reads
 * the file from the start (see `CoinbaseLineInput` for positions and snapshot times).
 */
export class CoinbaseFileInput extends CoinbaseLineInput {
  constructor(path: string, feedVersion: number = LATEST_COINBASE_FEED_VERSION) {
    super({
      open: () => new FileLines(path),
      file: path,
      description: { format: 'coinbase-ws-feed', feedVersion, file: path, seed: null },
      feedVersion,
    });
  }
}

/**
 * `flinkcoin record coinbase|binance --products BTC-USD,ETH-USD --out FILE [--url ws://...]`: records the
 * exchange's public feed until Ctrl-C (SIGINT) or SIGTERM, then finishes the file and prints a summary.
 * `--url` points it at another server (a local replay in tests: there is no internet in CI).
 */
import { Argument, type Command } from 'commander';
import { ConfigError } from '../errors.js';
import { EXCHANGE_NAMES, EXCHANGES, type ExchangeName } from '../record/exchanges.js';
import { Recorder } from '../record/recorder.js';

export function addRecordCommand(program: Command): void {
  program
    .command('record')
    .description("Record an exchange's public WebSocket market data to a JSON-lines file until Ctrl-C")
    .addArgument(
      new Argument('<exchange>', 'coinbase (Advanced Trade) or binance (spot)').choices(EXCHANGE_NAMES),
    )
    .requiredOption('--products <list>', 'products, comma-separated (e.g. BTC-USD,ETH-USD)')
    .requiredOption('-o, --out <file>', 'the .jsonl file to write')
    .option('--url <ws-url>', "the WebSocket endpoint (default: the exchange's public one)")
    .action(async (name: ExchangeName, opts: { products: string; out: string; url?: string }) => {
      const exchange = EXCHANGES[name];
      const products = opts.products
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      if (products.length === 0) throw new ConfigError('--products needs at least one product', 'products');
      const recorder = new Recorder({
        exchange,
        url: opts.url ?? exchange.defaultUrl,
        products,
        out: opts.out,
        log: (line) => process.stderr.write(`record: ${line}\n`),
      });
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      const summary = await recorder.stop();
      process.stdout.write(
        `wrote ${summary.messages} messages to ${summary.path} over ${summary.connections} connection(s); ` +
          `${summary.gaps} gap(s)${summary.gapSamples.length ? ` (${summary.gapSamples.join('; ')})` : ''}; ` +
          `${summary.malformed} non-JSON message(s) skipped\n`,
      );
    });
}

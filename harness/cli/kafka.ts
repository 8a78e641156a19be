/** `flinkcoin produce` and the Kafka options of the commands that run the workload. */
import { type Command, InvalidArgumentError } from 'commander';
import { LOCAL_BROKERS, parseBrokers } from '../kafka/client.js';
import { produce } from '../kafka/produce.js';

export function addProduceCommand(program: Command): void {
  program
    .command('produce')
    .description(
      'Load a feed file or the seeded generator into a Kafka topic (keyed by product, event-time stamped)',
    )
    .requiredOption('--topic <name>', 'topic to write (created with --partitions if missing)')
    .requiredOption('--data <file|generator>', 'a Coinbase feed file (plain or gzip), or "generator"')
    .option('--rate <messages/s>', 'open-loop send rate (default: as fast as the broker takes them)', rateOf)
    .option('--events <n>', "messages to send (the generator's length; a file's first n lines)", countOf)
    .option('--seed <n>', 'generator seed', countOf, 42)
    .option('--partitions <n>', 'partitions of a new topic (1 keeps one order for every engine)', countOf, 1)
    .option('--kafka-brokers <list>', 'host:port,... (default: the local broker of `npm run kafka:start`)')
    .option('--quiet', 'no progress on stderr')
    .action(async (opts) => {
      const started = performance.now();
      let last = 0;
      const sent = await produce({
        brokers: opts.kafkaBrokers ? parseBrokers(opts.kafkaBrokers) : LOCAL_BROKERS,
        topic: opts.topic,
        data: opts.data,
        rate: opts.rate ?? Number.POSITIVE_INFINITY,
        events: opts.events,
        seed: opts.seed,
        partitions: opts.partitions,
        onProgress: (n) => {
          if (opts.quiet || performance.now() - last < 1000) return;
          last = performance.now();
          process.stderr.write(`produce: ${n} messages sent\n`);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `produced ${sent} messages to ${opts.topic} in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s)\n`,
      );
    });
}

function rateOf(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('--rate must be a positive number');
  return n;
}

function countOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

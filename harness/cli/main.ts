/**
 * The `flinkcoin` command line. Commands:
 *   bench      run engines × models on the workload, write results JSON and the HTML report
 *   sweep      one knob per engine × driver rates: the latency-vs-throughput curves
 *   report     re-render the report from saved results
 *   compare    classify every figure of two results as better, same, worse or noise
 *   generate   write the seeded synthetic market feed to a file
 *   record     record an exchange's public WebSocket feed to JSON lines
 *   datasets   list the generator profiles and the market-data files a run can use
 *   produce    load a feed file or the generator into a Kafka topic
 * Errors in flags or config print one clear message and exit 2; a bench with a failed run, or a
 * comparison with a regression, exits 1.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Subject } from 'rxjs';
import { FORMAT_NAMES } from '../../datasets/formats/registry.js';
import { ENGINE_NAMES } from '../../engines/registry.js';
import { MODEL_NAMES } from '../../workloads/crypto/config.js';
import { TF_BACKENDS } from '../../workloads/crypto/models/lstm/tf-runtime.js';
import { WORKLOADS } from '../../workloads/registry.js';
import { applySets, readConfigFile, resolveConfig, setPath } from '../config/load.js';
import { PROFILE_NAMES, type ProfileName, withProfile } from '../config/profiles.js';
import type { RunConfig } from '../config/schema.js';
import { ConfigError, FlinkCoinError } from '../errors.js';
import { parseFaultPlan } from '../faults/fault-plan.js';
import { type BenchEvent, bench, type RunSpec } from '../run/bench.js';
import { parseSweepSetting, sweepRuns } from '../run/sweep.js';
import { addCompareCommand, thresholdsOf, withCompareOptions } from './compare.js';
import { addDatasetsCommand } from './datasets.js';
import { generateToFile } from './generate.js';
import { addProduceCommand } from './kafka.js';
import { renderProgress } from './progress.js';
import { addRecordCommand } from './record.js';
import { reportCommand, writeBenchReport } from './report.js';
import { addSoakCommand } from './soak.js';

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};
const nonNegativeInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be an integer ≥ 0`);
  return n;
};
const positiveNumber = (name: string) => (value: string) => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError(`${name} must be a positive number`);
  return n;
};
const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const collect = (value: string, previous: string[]) => [...previous, value];

const program = new Command('flinkcoin')
  .description(
    'Compare stream-processing execution models (Flink, Spark, Storm, Naiad styles) on a crypto-market workload',
  )
  .showHelpAfterError()
  .exitOverride();

/** The options every command that runs the workload shares (bench, sweep). */
function withRunOptions(command: Command): Command {
  return command
    .option('--seed <n>', 'seed for the generator and models', (v) => Number.parseInt(v, 10))
    .addOption(
      new Option(
        '--workload <name>',
        'crypto-predictor (default) or alerts (price alerts on delta, count and session windows)',
      ).choices(Object.keys(WORKLOADS)),
    )
    .option(
      '--data <file>',
      'replay recorded market data instead of the generator (see `flinkcoin datasets`; plain or gzip); ' +
        'repeat to merge several files by event time',
      collect,
      [],
    )
    .addOption(
      new Option('--format <name>', 'read --data files as this format instead of detecting it').choices(
        FORMAT_NAMES,
      ),
    )
    .option(
      '--events <n>',
      'messages the generator produces; with --data, events replayed from the start of the recording',
      positiveInt('--events'),
    )
    .option('--rate <events/s>', 'open-loop replay at this many events per second', positiveNumber('--rate'))
    .option('--speed <x>', 'replay at this multiple of recorded (event) time', positiveNumber('--speed'))
    .option('--unpaced', 'replay as fast as the engine takes events (throughput; no event-time latency)')
    .option(
      '--warmup <ms>',
      'wall time excluded from latency and throughput figures',
      nonNegativeInt('--warmup'),
    )
    .addOption(
      new Option(
        '--tf-backend <name>',
        'TensorFlow.js backend of the lstm model (default auto: node when tfjs-node is installed, else wasm)',
      ).choices(TF_BACKENDS.filter((b) => b !== 'auto')),
    )
    .addOption(
      new Option('--source <kind>', 'input: generator, file (--data) or kafka (--topic)').choices([
        'generator',
        'file',
        'kafka',
      ]),
    )
    .option(
      '--kafka-brokers <list>',
      'Kafka brokers host:port,... (default: the local `npm run kafka:start` broker)',
    )
    .option('--topic <name>', 'Kafka topic to replay (loaded by `flinkcoin produce`); implies --source kafka')
    .option('--kafka-sink-topic <name>', 'also write predictions to this Kafka topic (transactional)')
    .option(
      '--flink-rest <url>',
      'flink-real: submit the job to this Flink cluster (REST API, e.g. http://host:8081)',
    )
    .option(
      '--faults <plan>',
      'inject faults: "default" (a worker crash), a JSON plan file, or kind@event=N|ms=T[;for=D;slow=S],... ' +
        '(kinds: process-crash, task-crash, checkpoint-crash, straggler, source-outage)',
    )
    .option('--config <file>', 'JSON config file (see docs/contracts.md)')
    .option(
      '--set <path=value>',
      'override one setting, e.g. flink.bufferTimeoutMs=0 (repeatable)',
      collect,
      [],
    )
    .option('--out <dir>', 'where results go (a folder per run inside)')
    .option('--in-process', 'run every engine × model in this process (debugging; JIT state is shared)')
    .option(
      '--repeat <n>',
      'run each engine × model n times (fresh processes); tables show medians',
      positiveInt('--repeat'),
      1,
    )
    .option('--no-report', 'write results JSON only')
    .option('--quiet', 'no progress on stderr');
}

/**
 * Schema defaults ← --profile ← --config file ← flags ← --set, validated (ConfigError names the
 * setting).
 */
function configFromOptions(
  opts: Record<string, unknown> & { config?: string; set: string[]; profile?: ProfileName },
): RunConfig {
  const fromFile = opts.config ? readConfigFile(opts.config) : {};
  const flags = withProfile(fromFile, opts.profile ?? 'default');
  const set = (path: string[], value: unknown) => setPath(flags, path, value);
  set(['engines'], opts.engines);
  set(['models'], opts.models);
  set(['workload'], opts.workload);
  set(['seed'], opts.seed);
  set(['tfBackend'], opts.tfBackend);
  const files = opts.data as string[];
  if (files.length > 0) {
    set(['data', 'source'], 'file');
    set(['data', 'file'], files.length === 1 ? files[0] : files);
    set(['data', 'format'], opts.format);
    set(['data', 'maxEvents'], opts.events);
  } else {
    set(['data', 'generator', 'messages'], opts.events);
  }
  const kafkaSet = opts.topic !== undefined || opts.kafkaBrokers !== undefined || opts.source === 'kafka';
  if (kafkaSet) {
    set(['data', 'source'], 'kafka');
    set(['data', 'kafka', 'topic'], opts.topic ?? 'flinkcoin-market');
    if (typeof opts.kafkaBrokers === 'string') set(['data', 'kafka', 'brokers'], list(opts.kafkaBrokers));
    set(['data', 'kafka', 'sinkTopic'], opts.kafkaSinkTopic);
    set(['data', 'maxEvents'], opts.events);
    // The real Flink job reads and writes the same Kafka cluster.
    if (typeof opts.kafkaBrokers === 'string')
      set(['engine', 'flink-real', 'brokers'], list(opts.kafkaBrokers));
  }
  set(['engine', 'flink-real', 'rest'], opts.flinkRest);
  const pacings = [opts.rate && 'rate', opts.speed && 'speed', opts.unpaced && 'unpaced'].filter(Boolean);
  if (pacings.length > 1) throw new ConfigError('choose one of --rate, --speed, --unpaced', 'driver.pacing');
  set(['driver', 'pacing'], pacings[0]);
  set(['driver', 'rate'], opts.rate);
  set(['driver', 'speed'], opts.speed);
  set(['driver', 'warmupMs'], opts.warmup);
  set(['outDir'], opts.out);
  if (typeof opts.faults === 'string') set(['faults'], parseFaultPlan(opts.faults));
  if (opts.inProcess) set(['isolation'], 'in-process');
  return resolveConfig(applySets(flags, opts.set), opts.config ?? 'command-line flags');
}

/** The bench's and sweep's own options, besides the run configuration. */
interface CommandOptions {
  quiet?: boolean;
  report?: boolean;
  repeat?: number;
  baseline?: string;
  history?: string;
  noise?: number;
  failRatio?: number;
}

/** Runs the specs with progress on stderr, writes results and report, prints the summary. */
async function runAndReport(
  config: RunConfig,
  opts: CommandOptions,
  specs?: readonly RunSpec[],
): Promise<void> {
  const events = new Subject<BenchEvent>();
  if (!opts.quiet) renderProgress(events);
  const command = `flinkcoin ${process.argv.slice(2).join(' ')}`;
  const outcome = await bench(config, command, events, specs, { repeat: opts.repeat });
  const { text, comparison } = await writeBenchReport(outcome, opts.report !== false, {
    baseline: opts.baseline,
    history: opts.history,
    thresholds: thresholdsOf(opts),
  });
  process.stdout.write(text);
  if (outcome.results.runs.some((r) => r.state === 'errored') || (comparison?.regressions ?? 0) > 0)
    process.exitCode = 1;
}

withRunOptions(
  withCompareOptions(program.command('bench'))
    .description(
      'Run each engine × model on the workload; write results JSON, an HTML report and a Markdown summary',
    )
    .option('--engines <list>', `engines to run, comma-separated (${ENGINE_NAMES.join(', ')})`, list)
    .option('--models <list>', `models to run, comma-separated (${MODEL_NAMES.join(', ')})`, list)
    .addOption(
      new Option(
        '--profile <name>',
        'preset: default (120k messages, small LSTM: 4 engines × 4 models in under 3 min on 2 cores) or ' +
          'full (600k messages, LSTM of 32 units over 16 windows); flags and --set still override it',
      )
        .choices(PROFILE_NAMES)
        .default('default'),
    )
    .option(
      '--baseline <file>',
      'compare with this results JSON (regression section; exit 1 on a regression)',
    )
    .option('--history <dir>', 'history folder (one JSON per commit) to draw the trend section from'),
).action(async (opts) => {
  await runAndReport(configFromOptions(opts), opts);
});

withRunOptions(
  program
    .command('sweep')
    .description('Sweep one knob per engine (× driver rates) and chart latency against sustained throughput')
    .argument(
      '<settings...>',
      'engine.knob=v1,v2,... e.g. flink.bufferTimeoutMs=0,5,20,100 spark.triggerIntervalMs=0,100,500',
    )
    .option('--rates <list>', 'open-loop rates to run each value at, events/s, comma-separated', list)
    .option('--model <name>', `the model every run uses (${MODEL_NAMES.join(', ')})`, 'linear'),
).action(async (settings: string[], opts) => {
  const config = configFromOptions(opts);
  const rates = (opts.rates ?? []).map((r: string) => positiveNumber('--rates')(r));
  const model = MODEL_NAMES.find((m) => m === opts.model);
  if (model === undefined)
    throw new ConfigError(`unknown model "${opts.model}"; choose from ${MODEL_NAMES.join(', ')}`, 'model');
  const specs = sweepRuns(config, settings.map(parseSweepSetting), model, rates);
  await runAndReport(config, opts, specs);
});

withCompareOptions(
  program
    .command('report')
    .description('Re-render the HTML report and Markdown summary from saved results JSON files (merged)')
    .argument('<results...>', 'results.json files')
    .addOption(new Option('-o, --out <dir>', 'folder for report.html and summary.md').default('.'))
    .option(
      '--baseline <file>',
      'compare the (single) results with this results JSON: the regression section',
    )
    .option('--history <dir>', 'history folder (one JSON per commit) to draw the trend section from'),
).action(
  async (
    files: string[],
    opts: { out: string; baseline?: string; history?: string; noise?: number; failRatio?: number },
  ) => {
    const { text, comparison } = await reportCommand(files, opts.out, {
      ...opts,
      thresholds: thresholdsOf(opts),
    });
    process.stdout.write(text);
    if ((comparison?.regressions ?? 0) > 0) process.exitCode = 1;
  },
);

addCompareCommand(program);
addRecordCommand(program);
addDatasetsCommand(program);
addProduceCommand(program);
addSoakCommand(program);

program
  .command('generate')
  .description('Write the seeded synthetic market feed (Coinbase Exchange ws-feed schema) as JSON lines')
  .requiredOption('-o, --out <file>', 'output .jsonl file')
  .option('--seed <n>', 'generator seed', (v) => Number.parseInt(v, 10), 42)
  .option('--events <n>', 'messages to write', positiveInt('--events'), 100_000)
  .action((opts: { out: string; seed: number; events: number }) => {
    const n = generateToFile(opts.out, opts.seed, opts.events);
    process.stdout.write(`wrote ${n} messages to ${opts.out}\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof FlinkCoinError) {
    process.stderr.write(`flinkcoin: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}

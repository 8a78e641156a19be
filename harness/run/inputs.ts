/**
 * Opens the configured input: the seeded generator, or recorded files (one, or several merged by event
 * time), capped at `data.maxEvents`; and describes it for the results, with the features it allows.
 */
import type { MarketEvent } from '../../datasets/events.js';
import { openMarketFile } from '../../datasets/file-input.js';
import { GeneratorInput } from '../../datasets/generator/input.js';
import { RejectLog, type ReplayableInput } from '../../datasets/input.js';
import { MergeInput } from '../../datasets/merge-input.js';
import { probeInput } from '../../datasets/probe.js';
import { TakeInput } from '../../datasets/take-input.js';
import type { SourceReader } from '../../engines/contract.js';
import type { RunConfig } from '../config/schema.js';
import { OpenLoopSource, type Pacing } from '../driver/open-loop-source.js';
import { ConfigError } from '../errors.js';
import { KafkaInput } from '../kafka/input.js';
import { KafkaSourceReader } from '../kafka/source-reader.js';
import { featuresUsed, profileOf } from './data-profile.js';

type GeneratorSettings = RunConfig['data']['generator'];

/** Events of the generator read to describe what it holds (it holds the same kinds throughout). */
const GENERATOR_PROBE_EVENTS = 2000;

export function generatorInput(
  settings: Partial<GeneratorSettings>,
  seed: number,
): ReplayableInput<MarketEvent> {
  const params = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  return new GeneratorInput({ ...params, seed });
}

/** The recordings a config names, as a list. */
export function dataFiles(config: RunConfig): string[] {
  const { file } = config.data;
  return file === undefined ? [] : typeof file === 'string' ? [file] : file;
}

/** Opens a generator or file input; a Kafka input connects asynchronously (`openRunInput`). */
export function openInput(config: RunConfig): ReplayableInput<MarketEvent> {
  if (config.data.source === 'generator') return generatorInput(config.data.generator, config.seed);
  if (config.data.source === 'kafka')
    throw new ConfigError('a Kafka input opens asynchronously: use openRunInput', 'data.source');
  const files = dataFiles(config);
  // Disorder within the watermark bound is the engines' to handle; beyond it, a recording is broken.
  const options = {
    format: config.data.format,
    outOfOrderToleranceMs: config.workloadConfig.maxOutOfOrdernessMs,
  };
  let input: ReplayableInput<MarketEvent>;
  if (files.length === 1) {
    input = openMarketFile(files[0], options);
  } else {
    const rejects = new RejectLog();
    input = new MergeInput(
      files.map((file) => openMarketFile(file, { ...options, rejects })),
      rejects,
    );
  }
  const { maxEvents } = config.data;
  return maxEvents === undefined ? input : new TakeInput(input, maxEvents);
}

/** Any input, Kafka included (it connects and captures the topic's offsets before the run). */
export async function openRunInput(config: RunConfig): Promise<ReplayableInput<MarketEvent>> {
  const { kafka } = config.data;
  if (config.data.source !== 'kafka' || kafka === undefined) return openInput(config);
  return KafkaInput.open({ brokers: kafka.brokers, topic: kafka.topic, maxEvents: config.data.maxEvents });
}

/** The engine-facing paced reader of an input; a Kafka input's positions are its offsets. */
export function sourceReaderOf(
  input: ReplayableInput<MarketEvent>,
  pacing: Pacing,
  startAt: number,
): SourceReader<MarketEvent> {
  return input instanceof KafkaInput
    ? new KafkaSourceReader(input, pacing, startAt)
    : new OpenLoopSource(input, pacing, startAt);
}

/**
 * The input's description plus the features the workload computes from it (`features`). A Kafka topic
 * is described by its address only, without `features`: it is read by the runs alone (a probe here would
 * need a consumer of its own), so what it holds is not known yet.
 */
export function describeInput(config: RunConfig): Record<string, unknown> {
  const { kafka } = config.data;
  if (config.data.source === 'kafka' && kafka !== undefined) {
    return { format: 'kafka', parser: 'coinbase-exchange', brokers: kafka.brokers, topic: kafka.topic };
  }
  const input = openInput(config);
  const description = input.describe();
  const head =
    description.head ??
    (description.files === undefined ? probeInput(input, GENERATOR_PROBE_EVENTS) : undefined);
  const described = head === undefined ? description : { ...description, head };
  return { ...described, features: featuresUsed(profileOf(described)) };
}

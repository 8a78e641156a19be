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
import type { RunConfig } from '../config/schema.js';
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

export function openInput(config: RunConfig): ReplayableInput<MarketEvent> {
  if (config.data.source === 'generator') return generatorInput(config.data.generator, config.seed);
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

/** The input's description plus the features the workload computes from it (`features`). */
export function describeInput(config: RunConfig): Record<string, unknown> {
  const input = openInput(config);
  const description = input.describe();
  const head =
    description.head ??
    (description.files === undefined ? probeInput(input, GENERATOR_PROBE_EVENTS) : undefined);
  const described = head === undefined ? description : { ...description, head };
  return { ...described, features: featuresUsed(profileOf(described)) };
}

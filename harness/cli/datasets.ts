/**
 * `flinkcoin datasets [--dir DIR]`: what data a run can use. The built-in generator profiles, then every
 * file under the data folder with its detected format, events per kind, products, event-time range and
 * bad input per kind (each file read whole, in bounded memory). The folder defaults to
 * `../shared/datasets` when it exists (the project's shared recordings), else `./datasets-data`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { openMarketFile } from '../../datasets/file-input.js';
import { resolveGeneratorParams } from '../../datasets/generator/params.js';
import { probeInput } from '../../datasets/probe.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { PROFILES } from '../config/profiles.js';
import { GeneratorSettings } from '../config/schema.js';
import { FlinkCoinError } from '../errors.js';

export const DEFAULT_DATA_DIRS = ['../shared/datasets', './datasets-data'];
/** Out-of-order events are judged as a default run would judge them (the workload's watermark bound). */
const WATERMARK_BOUND_MS = CryptoConfig.parse({}).maxOutOfOrdernessMs;

/** Names of data files; notes (README.md) and the like are not listed. */
const DATA_FILE = /\.(jsonl|ndjson|json|csv|txt)(\.gz)?$|\.gz$/;

/** Every data file under `dir`, depth first, sorted; dot files (recordings in progress) left out. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesUnder(path);
      return DATA_FILE.test(name) ? [path] : [];
    });
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function generatorLines(): string[] {
  return Object.entries(PROFILES).map(([name, profile]) => {
    const settings = GeneratorSettings.parse(
      (profile as { data?: { generator?: unknown } }).data?.generator ?? {},
    );
    const params = resolveGeneratorParams(settings);
    const seconds = Math.round(settings.messages / settings.messagesPerSecond);
    return (
      `  generator (--profile ${name}): synthetic Coinbase Exchange feed, ${settings.messages} messages, ` +
      `${params.products.join(', ')}, ~${seconds} s of event time`
    );
  });
}

/** One file's lines of the listing; a file in no known format says so instead of stopping the listing. */
function describeFile(path: string, dir: string): string[] {
  const name = relative(dir, path);
  try {
    const input = openMarketFile(path, { outOfOrderToleranceMs: WATERMARK_BOUND_MS });
    const probe = probeInput(input);
    const format = String(input.describe().format);
    const kinds = Object.entries(probe.kinds).map(([kind, n]) => `${kind} ${n}`);
    const range = probe.timeRange ? `${iso(probe.timeRange[0])} … ${iso(probe.timeRange[1])}` : 'no events';
    const bad = Object.entries(probe.rejectedByKind).map(([kind, n]) => `${kind} ${n}`);
    return [
      `  ${name}  [${format}]`,
      `    events ${probe.events}: ${kinds.join(', ')}; products ${probe.products.join(', ')}`,
      `    event time ${range}${probe.candleIntervalMs ? `; candles of ${probe.candleIntervalMs / 1000} s` : ''}`,
      `    bad input: ${bad.length > 0 ? bad.join(', ') : 'none'}`,
    ];
  } catch (error) {
    if (!(error instanceof FlinkCoinError)) throw error;
    return [`  ${name}  [not readable] ${error.message}`];
  }
}

export function datasetsListing(dir: string | undefined): string {
  const folder = dir ?? DEFAULT_DATA_DIRS.find((d) => existsSync(d)) ?? DEFAULT_DATA_DIRS[1];
  const lines = ['Built in:', ...generatorLines(), '', `Files under ${folder}:`];
  if (!existsSync(folder)) lines.push('  (folder absent)');
  else {
    const files = filesUnder(folder);
    if (files.length === 0) lines.push('  (none)');
    for (const file of files) lines.push(...describeFile(file, folder));
  }
  return `${lines.join('\n')}\n`;
}

export function addDatasetsCommand(program: Command): void {
  program
    .command('datasets')
    .description('List the built-in generator profiles and the market-data files under a data folder')
    .option(
      '--dir <folder>',
      `the data folder (default: the first of ${DEFAULT_DATA_DIRS.join(', ')} that exists)`,
    )
    .action((opts: { dir?: string }) => {
      process.stdout.write(datasetsListing(opts.dir));
    });
}

/**
 * The facts a reader needs to trust or reproduce a run (what ran, on which data, code and machine),
 * condensed to one line each. Config and dataset are open records in the results schema, so they are
 * read defensively: whatever is absent is left out rather than guessed.
 */
import type { Results } from '../harness/results/schema.js';
import { formatRate } from './format.js';

/** A labelled fact, as plain text (escaping is the renderer's job). */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** The facts of one results file, in display order. */
export function runFacts(results: Results): Fact[] {
  const p = results.provenance;
  const commit =
    p.gitCommit === null
      ? 'unknown'
      : `${p.gitCommit.slice(0, 12)}${p.gitDirty ? ' (uncommitted changes)' : ''}`;
  const seed = valueAt(results.config, 'seed') ?? valueAt(results.dataset, 'seed');
  return [
    { label: 'Run id', value: results.runId },
    { label: 'Started', value: p.startedAt },
    { label: 'Configuration', value: summarizeConfig(results.config) },
    { label: 'Seed', value: seed === undefined ? 'unknown' : String(seed) },
    { label: 'Dataset', value: summarizeDataset(results.dataset) },
    { label: 'Git commit', value: commit },
    { label: 'Node.js', value: `${p.node} (V8 ${p.v8}, ${p.platform} ${p.arch})` },
    { label: 'CPU', value: `${p.cpuModel} × ${p.cpuCount}` },
    ...optionalFact('Calibration', calibrationFact(results)),
    ...optionalFact('Repetitions', repetitionsFact(results)),
    ...optionalFact('TensorFlow.js', tfFact(results)),
    { label: 'Command', value: p.command },
  ];
}

function optionalFact(label: string, value: string | null): Fact[] {
  return value === null ? [] : [{ label, value }];
}

function calibrationFact(results: Results): string | null {
  const c = results.provenance.calibration;
  return c === undefined
    ? null
    : `${c.medianMs.toFixed(1)} ms (median of ${c.samplesMs.length} timings of loop ${c.loop}); compare normalises timings by it`;
}

function repetitionsFact(results: Results): string | null {
  const most = Math.max(0, ...results.runs.map((r) => r.repetition ?? 0)) + 1;
  return most === 1 ? null : `${most} of each engine × model, interleaved; tables show medians`;
}

/**
 * The TensorFlow.js backends the runs used. Runs of the lstm model carry a `modelRuntime`; it is read
 * structurally, so results from before the field existed (and runs of other models) simply have none.
 */
function tfFact(results: Results): string | null {
  const runtimes = results.runs.flatMap((run) => {
    const rt: unknown = (run as { modelRuntime?: unknown }).modelRuntime;
    if (!isRecord(rt) || typeof rt.tfBackend !== 'string') return [];
    const simd = rt.wasmSimd === true ? ' (SIMD)' : '';
    return [`${rt.tfBackend}${simd}${typeof rt.tfVersion === 'string' ? ` ${rt.tfVersion}` : ''}`];
  });
  return runtimes.length === 0 ? null : [...new Set(runtimes)].join(', ');
}

/** Workload, engines, models, pacing, warm-up and isolation: the settings that change the figures most. */
export function summarizeConfig(config: Record<string, unknown>): string {
  const pacing = valueAt(config, 'driver', 'pacing');
  const rate = valueAt(config, 'driver', 'rate');
  const speed = valueAt(config, 'driver', 'speed');
  const warmupMs = valueAt(config, 'driver', 'warmupMs');
  const parts = [
    labelled('workload', valueAt(config, 'workload')),
    labelled('engines', valueAt(config, 'engines')),
    labelled('models', valueAt(config, 'models')),
    pacing === 'rate' && typeof rate === 'number' ? `paced at ${formatRate(rate)} events/s` : undefined,
    pacing === 'speed' && typeof speed === 'number' ? `replayed at ${speed}× recorded speed` : undefined,
    pacing === 'unpaced' ? 'unpaced (as fast as possible)' : undefined,
    typeof warmupMs === 'number' ? `warm-up ${warmupMs} ms` : undefined,
    labelled('isolation', valueAt(config, 'isolation')),
  ];
  return parts.filter((p) => p !== undefined).join(' · ') || 'not recorded';
}

/** The dataset's format, then its scalar parameters (nested ones flattened, first occurrence wins). */
export function summarizeDataset(dataset: Record<string, unknown>): string {
  const format = typeof dataset.format === 'string' ? dataset.format : 'unknown format';
  const params = new Map<string, string>();
  const collect = (record: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(record)) {
      if (key === 'format' || params.has(key)) continue;
      if (isRecord(value)) collect(value);
      else if (value !== undefined && value !== null) params.set(key, displayValue(value));
    }
  };
  collect(dataset);
  const list = [...params].map(([key, value]) => `${key} ${value}`).join('; ');
  return list ? `${format}: ${list}` : format;
}

function labelled(label: string, value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : `${label} ${displayValue(value)}`;
}

function displayValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(displayValue).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function valueAt(record: Record<string, unknown>, ...path: string[]): unknown {
  let current: unknown = record;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A soak run: fault runs one after another for a chosen time, each under a seeded random fault plan,
 * cycling through the engines, and the totals of what went wrong: faults injected, recoveries (faults
 * after which the run went on to completion), outputs lost, duplicated and divergent, per engine.
 * Every run is checked by the oracle against the failure-free reference of the same seed.
 */
import { join } from 'node:path';
import type { RunConfig } from '../config/schema.js';
import type { CompletedRun, RunResult } from '../results/schema.js';
import { randomFaultPlan } from './fault-plan.js';
import { runFaulty } from './faulty-run.js';
import { referenceOutputs } from './reference-run.js';

export interface SoakTotals {
  runs: number;
  errored: number;
  faultsInjected: number;
  recoveries: number;
  /** Reference outputs never delivered, over every sink. */
  lost: number;
  duplicates: number;
  /** Outputs whose value differs from the failure-free run's. */
  divergent: number;
}

export interface SoakReport {
  readonly seed: number;
  readonly durationMs: number;
  readonly total: SoakTotals;
  readonly byEngine: Record<string, SoakTotals>;
  readonly runs: readonly RunResult[];
}

const empty = (): SoakTotals => ({
  runs: 0,
  errored: 0,
  faultsInjected: 0,
  recoveries: 0,
  lost: 0,
  duplicates: 0,
  divergent: 0,
});

export async function soak(
  config: RunConfig,
  durationMs: number,
  seed: number,
  onRun: (run: RunResult, totals: SoakTotals, elapsedMs: number) => void = () => {},
): Promise<SoakReport> {
  const model = config.models[0]!;
  const reference = await referenceOutputs(config, model);
  // A run's span of event releases, for placing its faults: events ÷ rate.
  const spanMs = (config.data.generator.messages / (config.driver.rate || 20_000)) * 1000;
  const began = Date.now();
  const total = empty();
  const byEngine: Record<string, SoakTotals> = {};
  const runs: RunResult[] = [];
  for (let round = 0; Date.now() - began < durationMs; round++) {
    const engine = config.engines[round % config.engines.length]!;
    const plan = randomFaultPlan(seed + round, spanMs, 3);
    const run = await runFaulty({ ...config, faults: plan }, engine, model, {
      plan,
      reference,
      runDir: join(config.outDir, 'soak', `${round}-${engine}`),
    });
    runs.push(run);
    byEngine[engine] ??= empty();
    for (const t of [total, byEngine[engine]]) add(t, run);
    onRun(run, total, Date.now() - began);
  }
  return { seed, durationMs, total, byEngine, runs };
}

function add(t: SoakTotals, run: RunResult): void {
  t.runs++;
  if (run.state !== 'completed') {
    t.errored++;
    return;
  }
  const recovery = (run as CompletedRun).recovery;
  const faults = recovery?.faults ?? [];
  t.faultsInjected += faults.length;
  t.recoveries += faults.length; // the run completed: every fault in it was recovered from
  for (const counts of Object.values(recovery?.oracle ?? {})) {
    t.lost += counts.missing;
    t.duplicates += counts.duplicate;
    t.divergent += counts.wrong;
  }
}

/** Runs the `flinkcoin` CLI in a child process, and `bench` on data files, for the CLI tests. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ENGINE_NAMES } from '../../engines/registry.js';
import { Results } from '../../harness/results/schema.js';

const BIN = new URL('../../bin/flinkcoin.js', import.meta.url).pathname;
/** The engines the CLI tests run (FLINKCOIN_TEST_ENGINES narrows them; default: every registered one). */
export const ENGINES = process.env.FLINKCOIN_TEST_ENGINES ?? ENGINE_NAMES.join(',');

export function flinkcoin(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `bench` on `files` (unpaced, small, in one process) → the parsed results. */
export async function benchOn(files: string[], events: number): Promise<Results> {
  const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-data-cli-'));
  const data = files.flatMap((file) => ['--data', file]);
  const args = [
    'bench',
    ...data,
    '--events',
    `${events}`,
    '--unpaced',
    '--warmup',
    '0',
    '--engines',
    ENGINES,
  ];
  const r = await flinkcoin([...args, '--models', 'linear', '--in-process', '--no-report', '--quiet'], dir);
  expect(r.code, r.stderr).toBe(0);
  const run = readdirSync(join(dir, 'results'))[0];
  return Results.parse(JSON.parse(readFileSync(join(dir, 'results', run, 'results.json'), 'utf8')));
}

/**
 * Every run completed and predicted something, and runs that dropped the same late windows agree on
 * their features (engines' late-event rules differ, and a recording's start replays stale messages).
 */
export function expectAgreeingRuns(results: Results): void {
  expect(results.runs.map((r) => r.engine)).toEqual(ENGINES.split(','));
  const digests = new Map<number, Set<string>>();
  for (const run of results.runs) {
    if (run.state !== 'completed') throw new Error(`${run.engine}: ${run.error.message}`);
    expect(run.deterministic.outputs.predictions.count).toBeGreaterThan(0);
    const late = run.counters['window.lateDropped'] ?? 0;
    digests.set(late, (digests.get(late) ?? new Set()).add(run.deterministic.outputs.features.sha256));
  }
  for (const same of digests.values()) expect(same.size).toBe(1);
}

/** Where a result came from: code version, runtime and machine, so a figure can be traced and compared. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Provenance } from './schema.js';

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function collectProvenance(command: string, startedAt: Date): Provenance {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const status = git(['status', '--porcelain']);
  const cpus = os.cpus();
  return {
    flinkcoinVersion: pkg.version,
    gitCommit: git(['rev-parse', 'HEAD']),
    gitDirty: status === null ? null : status.length > 0,
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryBytes: os.totalmem(),
    command,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
  };
}

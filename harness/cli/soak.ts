/**
 * `flinkcoin soak`: fault runs under seeded random fault plans for a chosen time; prints a line per run
 * and the totals per engine, and writes them (with every run's result) as soak.json, atomically.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { RunConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { type SoakTotals, soak } from '../faults/soak.js';
import { writeFileAtomic } from '../results/atomic-write.js';

export function addSoakCommand(program: Command): void {
  program
    .command('soak')
    .description('Run engines under seeded random fault plans for a while; print faults, recoveries, losses')
    .option('--duration <time>', 'how long: 90s, 10m, 1h', '10m')
    .option('--seed <n>', 'seed of the fault plans and the data', (v) => Number.parseInt(v, 10), 7)
    .option('--engines <list>', 'engines to cycle through', (v: string) => v.split(','))
    .option('--model <name>', 'the model every run uses', 'linear')
    .option('--events <n>', 'generator messages per run', (v) => Number.parseInt(v, 10), 120_000)
    .option('--out <dir>', 'where soak.json goes', 'results')
    .action(
      async (opts: {
        duration: string;
        seed: number;
        engines?: string[];
        model: string;
        events: number;
        out: string;
      }) => {
        const durationMs = parseDuration(opts.duration);
        const config = RunConfig.parse({
          seed: opts.seed,
          models: [opts.model],
          ...(opts.engines ? { engines: opts.engines } : {}),
          data: { generator: { messages: opts.events } },
          outDir: opts.out,
        });
        const report = await soak(config, durationMs, opts.seed, (run, _t, elapsed) => {
          const faults =
            run.state === 'completed'
              ? (run.recovery?.faults.map((f) => f.kind).join(', ') ?? '')
              : run.error.message;
          process.stderr.write(`[${Math.round(elapsed / 1000)} s] ${run.engine}: ${run.state} (${faults})\n`);
        });
        const rows = [['all', report.total], ...Object.entries(report.byEngine)] as [string, SoakTotals][];
        process.stdout.write('engine   runs errored faults recoveries lost duplicates divergent\n');
        for (const [name, t] of rows) {
          process.stdout.write(
            `${name.padEnd(8)} ${[
              t.runs,
              t.errored,
              t.faultsInjected,
              t.recoveries,
              t.lost,
              t.duplicates,
              t.divergent,
            ]
              .map((n) => String(n).padStart(6))
              .join(' ')}\n`,
          );
        }
        const path = join(opts.out, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
        writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
        process.stdout.write(`wrote ${path}\n`);
        if (report.total.errored > 0) process.exitCode = 1;
      },
    );
}

function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m)
    throw new ConfigError(`--duration "${text}": give a number with ms, s, m or h (e.g. 10m)`, 'duration');
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

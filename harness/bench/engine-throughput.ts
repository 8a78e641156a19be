/**
 * `npm run bench:throughput`: each engine's sustained throughput on the linear workload,
 * against the bare loop doing the same per-event work, in one process and one run (tinybench: 2 warm-up
 * and 5 measured iterations each, medians quoted). Input is pre-parsed market events from the seeded
 * generator, replayed unpaced, so parsing and pacing are not measured.
 *
 *   npm run bench:throughput -- [--events N] [--seed S] [--engines flink,spark] [--json out.json]
 */
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { ArrayInput } from '../../datasets/array-input.js';
import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';
import { ENGINE_NAMES, engineEntry } from '../../engines/registry.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { buildCryptoPlan } from '../../workloads/crypto/plan.js';
import { systemClock } from '../driver/clock.js';
import { OpenLoopSource } from '../driver/open-loop-source.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { collectProvenance } from '../results/provenance.js';
import { generatorInput } from '../run/inputs.js';
import { runBareLoop } from './bare-loop.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    engines: { type: 'string', default: ENGINE_NAMES.join(',') },
    json: { type: 'string' },
  },
});
const messages = Number(args.events);
const seed = Number(args.seed);
const cfg = CryptoConfig.parse({});

process.stderr.write(`pre-parsing ${messages} generator messages (seed ${seed})...\n`);
const input = generatorInput({ messages }, seed);
const events: Timestamped<MarketEvent>[] = [];
for (let e = input.next(); e !== null; e = input.next()) events.push(e);

const sink = { write() {} };
async function engineRun(engine: string, parallelism: number): Promise<void> {
  await engineEntry(engine).engine.run({
    plan: buildCryptoPlan(cfg, 'linear', seed),
    sources: { market: [new OpenLoopSource(new ArrayInput(events), { mode: 'unpaced' }, 0)] },
    sinks: { features: sink, predictions: sink, scored: sink },
    clock: systemClock,
    config: { parallelism },
  });
}

const bench = new Bench({ iterations: 5, time: 0, warmupIterations: 2, warmupTime: 0, throws: true });
bench.add('bare loop', () => {
  runBareLoop(events, cfg, 'linear', seed);
});
for (const engine of args.engines.split(',')) {
  engineEntry(engine); // fail fast on an unknown name
  bench.add(`${engine} parallelism=1`, () => engineRun(engine, 1));
  bench.add(`${engine} parallelism=2`, () => engineRun(engine, 2));
}
process.stderr.write(
  `running ${bench.tasks.length} tasks × (2 warm-up + 5 measured) over ${events.length} events...\n`,
);
await bench.run();

const rows = bench.tasks.map((task) => {
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
  return { name: task.name, medianMs: r.latency.p50, eventsPerSec: events.length / (r.latency.p50 / 1000) };
});
const bare = rows[0].eventsPerSec;
const table = rows.map((r) => ({ ...r, ratioToBareLoop: r.eventsPerSec / bare }));

process.stdout.write(
  `\nEngines vs bare loop, crypto predictor (linear), ${events.length} pre-parsed events\n`,
);
process.stdout.write(
  `${'task'.padEnd(22)}${'median ms'.padStart(12)}${'events/s'.padStart(14)}${'ratio'.padStart(8)}\n`,
);
for (const r of table) {
  process.stdout.write(
    `${r.name.padEnd(22)}${r.medianMs.toFixed(1).padStart(12)}${Math.round(r.eventsPerSec).toLocaleString('en-US').padStart(14)}${r.ratioToBareLoop.toFixed(2).padStart(8)}\n`,
  );
}
if (args.json) {
  const provenance = collectProvenance(`bench:throughput ${process.argv.slice(2).join(' ')}`, new Date());
  writeFileAtomic(args.json, `${JSON.stringify({ provenance, events: events.length, table }, null, 2)}\n`);
}

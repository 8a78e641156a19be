/**
 * `npm run bench:threads`: should an engine's parallel subtasks run cooperatively on one thread, or on
 * worker threads? Measures, in one run on this machine, the crypto predictor's per-event work (the bare
 * loop, linear model) over pre-parsed events:
 *
 *   one thread            all keys in one loop (what the engines do: cooperative subtasks)
 *   exchange only         the cost of moving every event to a worker (postMessage batches, structured
 *                         clone) with no work done there: the floor of any cross-thread keyed exchange
 *   2 worker threads      events partitioned by key to two workers (the best case for threads: no
 *                         exchange between workers), each doing its partition's work
 *
 *   npm run bench:threads -- [--events N] [--batch B]
 */
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { Bench } from 'tinybench';
import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';
import { subtaskRouter } from '../../engines/shared/key-groups.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { generatorInput } from '../run/inputs.js';
import { runBareLoop } from './bare-loop.js';

const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '300000' }, batch: { type: 'string', default: '1024' } },
});
const seed = 42;
const batch = Number(args.batch);
const cfg = CryptoConfig.parse({});
const input = generatorInput({ messages: Number(args.events) }, seed);
const events: Timestamped<MarketEvent>[] = [];
for (let e = input.next(); e !== null; e = input.next()) events.push(e);

const WORKERS = 2;
const route = subtaskRouter(WORKERS, 128);
const partitions: Timestamped<MarketEvent>[][] = Array.from({ length: WORKERS }, () => []);
for (const e of events) partitions[route(e.value.product)].push(e);

const workerUrl = new URL('./threads-worker.ts', import.meta.url);
// Workers do not inherit the tsx loader on Node 20: a two-line bootstrap registers it, then loads the worker.
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
const workers = Array.from(
  { length: WORKERS },
  () => new Worker(bootstrap, { eval: true, workerData: { seed } }),
);

/** Sends each worker its partition in batches; with `work`, waits for the workers to process it. */
async function overWorkers(work: boolean): Promise<void> {
  const done = workers.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve())));
  const cursors = partitions.map(() => 0);
  // Interleave the partitions as a keyed exchange would, one batch each in turn.
  for (let more = true; more; ) {
    more = false;
    for (let k = 0; k < WORKERS; k++) {
      const part = partitions[k];
      if (cursors[k] >= part.length) continue;
      workers[k].postMessage({ type: 'batch', events: part.slice(cursors[k], cursors[k] + batch) });
      cursors[k] += batch;
      more = true;
    }
  }
  for (const w of workers) w.postMessage({ type: 'end', work });
  await Promise.all(done);
}

const bench = new Bench({ iterations: 5, time: 0, warmupIterations: 2, warmupTime: 0, throws: true });
bench
  .add('one thread (cooperative)', () => {
    runBareLoop(events, cfg, 'linear', seed);
  })
  .add('exchange only (to 2 workers, no work)', () => overWorkers(false))
  .add('2 worker threads, keyed by product', () => overWorkers(true));
process.stderr.write(`running over ${events.length} events, exchange batches of ${batch}...\n`);
await bench.run();
for (const w of workers) await w.terminate();

const rows = bench.tasks.map((t) => {
  if (t.result.state !== 'completed') throw new Error(`${t.name}: ${t.result.state}`);
  return {
    name: t.name,
    medianMs: t.result.latency.p50,
    eventsPerSec: events.length / (t.result.latency.p50 / 1000),
  };
});
process.stdout.write(
  `\nCooperative subtasks vs worker threads, ${events.length} events, ${partitions.map((p) => p.length).join(' / ')} per worker\n`,
);
for (const r of rows) {
  process.stdout.write(
    `${r.name.padEnd(36)}${r.medianMs.toFixed(1).padStart(10)} ms${Math.round(r.eventsPerSec).toLocaleString('en-US').padStart(14)} events/s${(r.eventsPerSec / rows[0].eventsPerSec).toFixed(2).padStart(8)}\n`,
  );
}

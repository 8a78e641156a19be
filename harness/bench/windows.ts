/**
 * `npm run bench:windows`: per engine, the throughput of session windows against tumbling windows on
 * the same input, in one process and one run (tinybench: 1 warm-up and 3 measured iterations each,
 * medians quoted). Input: pre-parsed market events from the seeded generator, replayed unpaced; every
 * event goes to a per-product window that counts it. Tumbling windows run on each engine's own window
 * operator; session windows on the shared window machine, merging on every event.
 *
 *   npm run bench:windows -- [--events N] [--seed S] [--engines flink,spark] [--gap MS] [--size MS]
 */
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { ArrayInput } from '../../datasets/array-input.js';
import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';
import { ENGINE_NAMES, engineEntry } from '../../engines/registry.js';
import type { AggregateFunction, AnyWindowAssigner, Plan } from '../../workloads/plan/index.js';
import { PlanBuilder } from '../../workloads/plan/index.js';
import { systemClock } from '../driver/clock.js';
import { OpenLoopSource } from '../driver/open-loop-source.js';
import { generatorInput } from '../run/inputs.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '300000' },
    seed: { type: 'string', default: '42' },
    engines: { type: 'string', default: ENGINE_NAMES.join(',') },
    gap: { type: 'string', default: '20' },
    size: { type: 'string', default: '1000' },
  },
});

const countEvents: AggregateFunction<MarketEvent, number, string> = {
  create: () => 0,
  add: (n) => n + 1,
  merge: (a, b) => a + b,
  result: (key, w, n) => `${key}@${w.start}:${n}`,
};

function windowPlan(assigner: AnyWindowAssigner): Plan {
  const p = new PlanBuilder('bench-windows');
  p.source<MarketEvent>('market', { maxOutOfOrdernessMs: 500 })
    .keyBy('product', (e) => e.product)
    .window('w', assigner, countEvents)
    .sink('out', (s) => s);
  return p.build();
}

const seed = Number(args.seed);
process.stderr.write(`pre-parsing ${args.events} generator messages (seed ${seed})...\n`);
const input = generatorInput({ messages: Number(args.events) }, seed);
const events: Timestamped<MarketEvent>[] = [];
for (let e = input.next(); e !== null; e = input.next()) events.push(e);

const plans = {
  tumbling: windowPlan({ type: 'tumbling', sizeMs: Number(args.size) }),
  session: windowPlan({ type: 'session', gapMs: Number(args.gap) }),
};
const outputs = new Map<string, number>();

const bench = new Bench({ iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0, throws: true });
for (const engine of args.engines.split(',')) {
  const impl = engineEntry(engine).engine; // fails fast on an unknown name
  for (const [kind, plan] of Object.entries(plans)) {
    bench.add(`${engine} ${kind}`, async () => {
      let n = 0;
      await impl.run({
        plan,
        sources: { market: [new OpenLoopSource(new ArrayInput(events), { mode: 'unpaced' }, 0)] },
        sinks: { out: { write: () => void n++ } },
        clock: systemClock,
        config: {},
      });
      outputs.set(`${engine} ${kind}`, n);
    });
  }
}
process.stderr.write(
  `running ${bench.tasks.length} tasks × (1 warm-up + 3 measured) over ${events.length} events...\n`,
);
await bench.run();

const rate = (name: string) => {
  const r = bench.tasks.find((t) => t.name === name)!.result;
  if (r.state !== 'completed') throw new Error(`${name}: ${r.state}`);
  return events.length / (r.latency.p50 / 1000);
};
process.stdout.write(
  `\nSession (gap ${args.gap} ms) vs tumbling (${args.size} ms) windows, ${events.length} events, events/s (median of 3)\n`,
);
process.stdout.write(
  `${'engine'.padEnd(8)}${'tumbling'.padStart(12)}${'windows'.padStart(9)}${'session'.padStart(12)}${'sessions'.padStart(10)}${'ratio'.padStart(8)}\n`,
);
for (const engine of args.engines.split(',')) {
  const [t, s] = [rate(`${engine} tumbling`), rate(`${engine} session`)];
  process.stdout.write(
    `${engine.padEnd(8)}${Math.round(t).toLocaleString('en-US').padStart(12)}${String(outputs.get(`${engine} tumbling`)).padStart(9)}` +
      `${Math.round(s).toLocaleString('en-US').padStart(12)}${String(outputs.get(`${engine} session`)).padStart(10)}${(s / t).toFixed(2).padStart(8)}\n`,
  );
}

/**
 * Writes the shared test vectors the Java twin of the workload is checked against (engines/flink-job's
 * JUnit tests): a small seeded generator input run through the TypeScript workload on the reference
 * engine, so that both implementations are held to the same numbers (1e-9 relative).
 *
 *   test/vectors/config.json                the workload config (defaults resolved) and how it was made
 *   test/vectors/events.jsonl               input MarketEvents in arrival order, as the adapter sends them
 *   test/vectors/features.jsonl             expected FeatureVectors in emission order ({id, value})
 *   test/vectors/predictions-<model>.jsonl  expected Predictions of `linear` and `sgd`
 *
 * Run: `npm run flink:vectors` (rerun after changing the workload's arithmetic; the Java build reruns its
 * tests whenever these files change).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MarketEvent } from '../datasets/events.js';
import { GeneratorInput } from '../datasets/generator/input.js';
import type { Timestamped } from '../datasets/input.js';
import type { SinkWriter } from '../engines/contract.js';
import { referenceEngine } from '../engines/reference/engine.js';
import { ArrayInput } from '../datasets/array-input.js';
import { systemClock } from '../harness/driver/clock.js';
import { OpenLoopSource } from '../harness/driver/open-loop-source.js';
import { workload } from '../workloads/registry.js';

const OUT = join(import.meta.dirname, '..', 'test', 'vectors');
const SEED = 42;
/** 4,000 generator messages over about 27 s of event time, 100 ms windows: some 250 windows a product (ridge refits many times; some windows are empty, so the model skips non-contiguous pairs). */
const GENERATOR = { messages: 4000, messagesPerSecond: 150, seed: SEED };
const WORKLOAD = { windowMs: 100 };
const MODELS = ['linear', 'sgd'] as const;

function generate(): Timestamped<MarketEvent>[] {
  const input = new GeneratorInput(GENERATOR);
  const events: Timestamped<MarketEvent>[] = [];
  for (let e = input.next(); e !== null; e = input.next()) events.push(e);
  return events;
}

function collect(): SinkWriter & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (id, value) => void lines.push(JSON.stringify({ id, value })) };
}

async function run(events: readonly Timestamped<MarketEvent>[], model: string) {
  const plan = workload('crypto-predictor').build(WORKLOAD, model, SEED);
  const sinks = { features: collect(), predictions: collect(), scored: collect() };
  const report = await referenceEngine.run({
    plan,
    sources: { market: [new OpenLoopSource(new ArrayInput(events), { mode: 'unpaced' }, 0)] },
    sinks,
    clock: systemClock,
    config: {},
  });
  return { plan, sinks, counters: report.counters };
}

const events = generate();
mkdirSync(OUT, { recursive: true });
const jsonl = (lines: readonly string[]) => `${lines.join('\n')}\n`;
writeFileSync(join(OUT, 'events.jsonl'), jsonl(events.map((e) => JSON.stringify(e.value))));
for (const model of MODELS) {
  const { plan, sinks, counters } = await run(events, model);
  if (model === MODELS[0]) {
    writeFileSync(join(OUT, 'features.jsonl'), jsonl(sinks.features.lines));
    writeFileSync(
      join(OUT, 'config.json'),
      `${JSON.stringify({ generator: GENERATOR, workload: plan.origin?.config, counters }, null, 2)}\n`,
    );
  }
  writeFileSync(join(OUT, `predictions-${model}.jsonl`), jsonl(sinks.predictions.lines));
  console.log(`${model}: ${sinks.features.lines.length} features, ${sinks.predictions.lines.length} predictions`);
}
console.log(`${events.length} events → ${OUT}`);

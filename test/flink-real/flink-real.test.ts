/**
 * The real Apache Flink job against the TypeScript reference, through a real Kafka broker: the broker
 * (scripts/kafka.sh) and the job jar (scripts/flink-job.sh) are built and started by the project's own
 * scripts. A few thousand generator events; every feature, prediction and scored record must be
 * identical to the reference engine's, for linear and SGD, and also after the job's JVM is killed
 * mid-run and restored from its latest retained checkpoint (the exactly-once output topic holds each
 * output once). Skipped with one line where Java or Maven is missing, unless FLINKCOIN_REQUIRE_FLINK=1.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { MarketEvent } from '../../datasets/events.js';
import { GeneratorInput } from '../../datasets/generator/input.js';
import type { Timestamped } from '../../datasets/input.js';
import type { Engine, EngineReport } from '../../engines/contract.js';
import { flinkRealEngine } from '../../engines/flink-real/engine.js';
import { referenceEngine } from '../../engines/reference/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource, type Pacing } from '../../harness/driver/open-loop-source.js';
import { kafkaClient } from '../../harness/kafka/client.js';
import { workload } from '../../workloads/registry.js';
import { collectSink } from '../helpers/collect-sink.js';
import { brokers, startBroker } from '../kafka/broker.js';

const SINKS = ['features', 'predictions', 'scored'] as const;
let skip: string | null = null;
const events: Timestamped<MarketEvent>[] = [];

beforeAll(() => {
  // The broker is left running (another test file may be using it): `npm run kafka:stop` stops it.
  skip = startBroker().skip;
  if (skip === null) {
    try {
      execFileSync('bash', ['scripts/flink-job.sh', 'build'], { stdio: 'pipe', timeout: 540_000 });
    } catch (e) {
      skip = `the Flink job did not build: ${(e as { stderr?: Buffer }).stderr?.toString().trim()}`;
    }
  }
  if (skip !== null && process.env.FLINKCOIN_REQUIRE_FLINK === '1')
    throw new Error(`FLINKCOIN_REQUIRE_FLINK=1: ${skip}`);
  if (skip !== null) console.warn(`skipping the real-Flink tests: ${skip}`);
  // About 50 s of event time: 50 one-second windows for each of three products.
  const input = new GeneratorInput({ messages: 20_000, messagesPerSecond: 400, seed: 11 });
  for (let e = input.next(); e !== null; e = input.next()) events.push(e);
}, 600_000);

async function run(engine: Engine, model: string, pacing: Pacing, config: Record<string, unknown> = {}) {
  const sinks = { features: collectSink(), predictions: collectSink(), scored: collectSink() };
  const report: EngineReport = await engine.run({
    plan: workload('crypto-predictor').build({}, model, 42),
    sources: { market: [new OpenLoopSource(new ArrayInput(events), pacing, systemClock.now() + 20)] },
    sinks,
    clock: systemClock,
    config,
  });
  const lines = Object.fromEntries(
    SINKS.map((s) => [s, sinks[s].out.map((o) => `${o.id}\t${JSON.stringify(o.value)}`).sort()]),
  );
  return { report, lines, sinks };
}

/** Ids per sink in a topic, read as read_committed until the job's END record. */
async function committedIds(topic: string): Promise<Record<string, string[]>> {
  const consumer = kafkaClient(brokers).consumer({ groupId: `check-${topic}`, readUncommitted: false });
  const ids: Record<string, string[]> = { features: [], predictions: [], scored: [] };
  let end!: () => void;
  const ended = new Promise<void>((r) => (end = r));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const m = JSON.parse(message.value!.toString()) as { sink: string; id: string };
      if (m.sink === 'end') end();
      else ids[m.sink].push(m.id);
    },
  });
  await ended;
  await consumer.disconnect();
  return ids;
}

describe('flink-real: Apache Flink runs the workload', () => {
  it('computes exactly the reference engine’s features, linear predictions and scores', async (ctx) => {
    if (skip !== null) return ctx.skip();
    const reference = await run(referenceEngine, 'linear', { mode: 'unpaced' });
    const real = await run(flinkRealEngine, 'linear', { mode: 'rate', eventsPerSec: 4000 });
    for (const sink of SINKS) expect(real.lines[sink], sink).toEqual(reference.lines[sink]);
    expect(reference.lines.predictions.length).toBeGreaterThan(80);
    expect(real.report.counters).toEqual(reference.report.counters);
    // Stamps cross the JVM: createdAt is the driver's, ingestedAt Flink's source's, both wall times.
    const p = real.sinks.predictions.out[0];
    expect(p.ingestedAt).toBeGreaterThanOrEqual(p.createdAt - 1);
    expect(p.at).toBeGreaterThanOrEqual(p.ingestedAt);
  }, 300_000);

  it('loses and duplicates nothing when its JVM is killed and restored from a checkpoint (SGD)', async (ctx) => {
    if (skip !== null) return ctx.skip();
    const reference = await run(referenceEngine, 'sgd', { mode: 'unpaced' });
    // 20 s of feeding; the kill comes 3/4 of the way in, after the job has checkpointed for a while.
    const topicPrefix = `flinkcoin-real-test-${process.pid}-${Date.now()}`;
    const real = await run(
      flinkRealEngine,
      'sgd',
      { mode: 'rate', eventsPerSec: 1000 },
      { killAtEvent: 15_000, keepTopics: true, topicPrefix },
    );
    expect(real.report.metrics.restarts).toBe(1);
    expect(real.report.metrics['recovery.restoredMs']).toBeGreaterThan(0);
    for (const sink of SINKS) expect(real.lines[sink], sink).toEqual(reference.lines[sink]);
    // The output topic itself, read by a consumer of our own: every output once, none missing.
    const ids = await committedIds(`${topicPrefix}-out`);
    for (const sink of SINKS) {
      expect(new Set(ids[sink]).size, `${sink} duplicates`).toBe(ids[sink].length);
      expect(ids[sink].length, `${sink} count`).toBe(reference.lines[sink].length);
    }
    const admin = kafkaClient(brokers).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [`${topicPrefix}-in`, `${topicPrefix}-out`] }).catch(() => undefined);
    await admin.disconnect();
  }, 300_000);
});

/**
 * `npm run bench:kafka`: what the local broker costs the pipeline. Needs a running broker
 * (`npm run kafka:start`, or FLINKCOIN_KAFKA_BROKERS=host:port,...). Three figures:
 *   produce throughput  generator feed lines sent unpaced, batched as `flinkcoin produce` sends them
 *   consume throughput  the same topic read from the start by a kafkajs consumer
 *   end-to-end latency  messages sent open-loop at a fixed rate, each carrying its intended send time
 *                       in a header; latency = receipt − intended time (queueing in the client counts,
 *                       as the harness's event-time latency), in an HdrHistogram.
 * Usage: npm run bench:kafka -- [messages=100000] [latencyRate=5000] [latencySeconds=5]
 */
import { performance } from 'node:perf_hooks';
import { connectAdmin, ensureTopic, kafkaClient, LOCAL_BROKERS, parseBrokers } from '../kafka/client.js';
import { produce } from '../kafka/produce.js';
import { LatencyRecorder } from '../metrics/latency-recorder.js';

const [messages = 100_000, rate = 5000, seconds = 5] = process.argv.slice(2).map(Number);
const brokers = process.env.FLINKCOIN_KAFKA_BROKERS
  ? parseBrokers(process.env.FLINKCOIN_KAFKA_BROKERS)
  : LOCAL_BROKERS;
const kafka = kafkaClient(brokers, 'flinkcoin-bench');
const run = `${process.pid}-${Date.now()}`;

/** Reads `count` messages of a topic from the start; calls `onMessage` per message; returns ms taken. */
async function consume(
  topic: string,
  count: number,
  onMessage: (headers: Record<string, unknown>) => void,
  ready?: () => void,
): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-${topic}`, maxWaitTimeInMs: 10 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let started = 0;
  const done = new Promise<void>((resolve) => {
    consumer.on(consumer.events.GROUP_JOIN, () => ready?.());
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (started === 0) started = performance.now();
        for (const m of batch.messages) onMessage(m.headers ?? {});
        seen += batch.messages.length;
        if (seen >= count) resolve();
      },
    });
  });
  await done;
  const ms = performance.now() - started;
  await consumer.disconnect();
  return ms;
}

const throughputTopic = `bench-throughput-${run}`;
const t0 = performance.now();
const sent = await produce({
  brokers,
  topic: throughputTopic,
  data: 'generator',
  rate: Infinity,
  events: messages,
});
const produceMs = performance.now() - t0;
const consumeMs = await consume(throughputTopic, sent, () => undefined);

// End to end: a consumer joined first, then an open-loop producer at `rate` for `seconds`.
const latencyTopic = `bench-latency-${run}`;
const admin = await connectAdmin(kafka, brokers);
await ensureTopic(admin, latencyTopic);
await admin.disconnect();
const total = Math.round(rate * seconds);
const latency = new LatencyRecorder();
let joined: () => void = () => undefined;
const isJoined = new Promise<void>((r) => {
  joined = r;
});
const consumed = consume(
  latencyTopic,
  total,
  (headers) => latency.record(Date.now() - Number(String(headers.intendedAt))),
  () => joined(),
);
await isJoined;
const producer = kafka.producer();
await producer.connect();
const start = Date.now();
for (let i = 0; i < total; ) {
  // Send every message already due (intended time start + i / rate), then sleep a millisecond.
  const due = Math.min(total, Math.floor(((Date.now() - start) * rate) / 1000) + 1);
  const batch = [];
  for (; i < due; i++) batch.push({ value: 'x', headers: { intendedAt: String(start + (i * 1000) / rate) } });
  if (batch.length > 0) await producer.send({ topic: latencyTopic, messages: batch, acks: 1 });
  else await new Promise((r) => setTimeout(r, 1));
}
await consumed;
await producer.disconnect();

const s = latency.summary();
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
process.stdout.write(
  `Kafka on ${brokers.join(',')} (kafkajs, one partition)\n` +
    `produce   ${fmt(sent)} feed lines in ${fmt(produceMs)} ms: ${fmt((sent / produceMs) * 1000)} msg/s\n` +
    `consume   ${fmt(sent)} messages in ${fmt(consumeMs)} ms: ${fmt((sent / consumeMs) * 1000)} msg/s\n` +
    `latency   ${fmt(total)} messages at ${fmt(rate)} msg/s, intended send → receipt (ms): ` +
    `p50 ${s.p50.toFixed(2)}  p90 ${s.p90.toFixed(2)}  p99 ${s.p99.toFixed(2)}  p99.9 ${s.p999.toFixed(2)}  max ${s.max.toFixed(2)}\n`,
);

/**
 * `flinkcoin produce`: loads a dataset's raw feed lines into a topic, so every engine can then read the
 * same bytes from Kafka. Each message is keyed by its product (one product's messages stay in one
 * partition, in order) and stamped with its event time; lines without a time (Coinbase snapshots) take
 * their neighbour's, as the file reader dates them. The value is the line unchanged, so the consumer
 * parses it with the same parser as a file and bad lines are set aside the same way.
 */
import type { Message, Producer } from 'kafkajs';
import { FileLines } from '../../datasets/file-lines.js';
import { generatorLines } from '../../datasets/generator/index.js';
import { GeneratorSettings } from '../config/schema.js';
import { connectAdmin, ensureTopic, kafkaClient } from './client.js';

export interface ProduceOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  /** A feed file (plain or gzip), or 'generator' for the seeded synthetic feed. */
  readonly data: string;
  /** Messages per second (open loop); Infinity = as fast as the broker takes them. */
  readonly rate: number;
  /** Stop after this many messages (the generator's length; a file's first N lines). */
  readonly events?: number;
  readonly seed?: number;
  /** Partitions when the topic is created; 1 keeps one total order, which the engines' comparison needs. */
  readonly partitions?: number;
  readonly onProgress?: (sent: number) => void;
}

/** Messages per `producer.send`: large enough to batch, small enough to pace smoothly. */
const BATCH = 500;

export async function produce(options: ProduceOptions): Promise<number> {
  const kafka = kafkaClient(options.brokers, 'flinkcoin-produce');
  const admin = await connectAdmin(kafka, options.brokers);
  try {
    await ensureTopic(admin, options.topic, options.partitions);
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    return await sendAll(producer, options);
  } finally {
    await producer.disconnect();
  }
}

async function sendAll(producer: Producer, options: ProduceOptions): Promise<number> {
  const started = performance.now();
  let sent = 0;
  let batch: Message[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await producer.send({ topic: options.topic, messages: batch });
    sent += batch.length;
    batch = [];
    options.onProgress?.(sent);
    // Open loop: message i is due at start + i / rate; sleep until the next batch is due.
    const ahead = started + (sent / options.rate) * 1000 - performance.now();
    if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
  };
  for (const message of datedMessages(lines(options))) {
    batch.push(message);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return sent;
}

function* lines(options: ProduceOptions): Generator<string> {
  const limit = options.events ?? Number.POSITIVE_INFINITY;
  if (options.data === 'generator') {
    // The bench's generator settings (schema defaults), so a topic holds what an in-process run reads.
    const settings = GeneratorSettings.parse(
      options.events === undefined ? {} : { messages: options.events },
    );
    yield* generatorLines({ ...settings, seed: options.seed ?? 42 });
    return;
  }
  const file = new FileLines(options.data);
  let n = 0;
  for (let line = file.next(); line !== null && n < limit; line = file.next()) {
    if (line.trim().length === 0) continue;
    n++;
    yield line;
  }
}

/** Keys and timestamps each line; undated lines before the first dated one wait for its time. */
export function* datedMessages(source: Iterable<string>): Generator<Message> {
  let lastTime = Number.NaN;
  const waiting: { key: string; value: string }[] = [];
  for (const value of source) {
    const { product, time } = peek(value);
    const key = product;
    if (Number.isNaN(time) && Number.isNaN(lastTime)) {
      waiting.push({ key, value });
      continue;
    }
    if (!Number.isNaN(time)) lastTime = time;
    const timestamp = String(Math.floor(lastTime));
    for (const w of waiting.splice(0)) yield { ...w, timestamp };
    yield { key, value, timestamp };
  }
  // A feed with no time at all: its lines still go, stamped now (the consumer rejects them as undated).
  const now = String(Date.now());
  for (const w of waiting) yield { ...w, timestamp: now };
}

/** The product and time of a feed line, leniently: a line that is not JSON still goes, unkeyed. */
function peek(line: string): { product: string; time: number } {
  try {
    const m = JSON.parse(line) as Record<string, unknown>;
    const product = typeof m.product_id === 'string' ? m.product_id : '';
    const time = typeof m.time === 'string' ? Date.parse(m.time) : Number.NaN;
    return { product, time };
  } catch {
    return { product: '', time: Number.NaN };
  }
}

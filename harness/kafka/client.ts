/**
 * The kafkajs client every Kafka adapter uses: short connection timeout and few retries, so an
 * unreachable broker fails within seconds with `KafkaUnreachableError` instead of kafkajs's default
 * minute of back-off; kafkajs's own logging is silenced (errors surface as typed errors instead).
 */
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { KafkaUnreachableError } from '../errors.js';

/** The local broker `npm run kafka:start` runs (scripts/kafka.sh; FLINKCOIN_KAFKA_PORT moves it). */
export const LOCAL_BROKERS = [`127.0.0.1:${process.env.FLINKCOIN_KAFKA_PORT ?? '19092'}`];

export function kafkaClient(brokers: readonly string[], clientId = 'flinkcoin'): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    connectionTimeout: 1500,
    requestTimeout: 10_000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1000 },
    logLevel: logLevel.NOTHING,
  });
}

/** Connects an admin client, turning a connection failure into `KafkaUnreachableError`. */
export async function connectAdmin(kafka: Kafka, brokers: readonly string[]): Promise<Admin> {
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (cause) {
    throw new KafkaUnreachableError(brokers, cause);
  }
  return admin;
}

/**
 * Creates the topic if missing (one partition by default: see `produce.ts` for why), with time-based
 * retention off: message timestamps are event times, and a recording's are older than any retention
 * period, so the broker would otherwise delete a topic's records soon after they are written.
 */
export async function ensureTopic(admin: Admin, topic: string, partitions = 1): Promise<void> {
  const existing = await admin.listTopics();
  if (existing.includes(topic)) return;
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, configEntries: [{ name: 'retention.ms', value: '-1' }] }],
    waitForLeaders: true,
  });
}

/** `a:1,b:2` → ['a:1', 'b:2']. */
export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

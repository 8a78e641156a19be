/**
 * Predictions to a Kafka topic. Records are batched and sent when a batch fills; `write` then returns
 * the send's promise, which stalls the engine's sink until the broker acknowledges (backpressure, as
 * the SinkWriter contract allows). Plain mode is an ordinary idempotent producer (at-least-once, for the
 * Storm-style engine); transactional mode writes the whole run in one kafkajs transaction committed on
 * `close()`, so `read_committed` consumers see all of a run's predictions or none (exactly-once engines).
 * Each message is keyed by the output id and carries the intended emission time (`createdAt`) and the
 * engine's ingestion time as headers, so a downstream consumer can measure end-to-end latency.
 */
import type { Message, Producer, Transaction } from 'kafkajs';
import type { SinkWriter } from '../../engines/contract.js';
import { connectAdmin, ensureTopic, kafkaClient } from './client.js';

export type KafkaSinkMode = 'plain' | 'transactional';

export interface KafkaSinkOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly mode: KafkaSinkMode;
  /** Messages per send. */
  readonly batch?: number;
}

export class KafkaSink<T> implements SinkWriter<T> {
  private pending: Message[] = [];
  private txn: Transaction | null = null;
  /** Sent inside the open transaction, not yet committed. */
  private inTxn = 0;
  private closed = false;
  /** Messages acknowledged by the broker (committed, in transactional mode, after `close`). */
  sent = 0;
  private readonly batch: number;

  private constructor(
    private readonly producer: Producer,
    private readonly options: KafkaSinkOptions,
  ) {
    this.batch = options.batch ?? 500;
  }

  static async open<T>(options: KafkaSinkOptions): Promise<KafkaSink<T>> {
    const kafka = kafkaClient(options.brokers, 'flinkcoin-sink');
    const admin = await connectAdmin(kafka, options.brokers);
    try {
      await ensureTopic(admin, options.topic);
    } finally {
      await admin.disconnect();
    }
    const transactional = options.mode === 'transactional';
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      ...(transactional ? { transactionalId: `flinkcoin-${options.topic}-${process.pid}` } : {}),
    });
    await producer.connect();
    const sink = new KafkaSink<T>(producer, options);
    if (transactional) sink.txn = await producer.transaction();
    return sink;
  }

  write(id: string, value: T, ts: number, createdAt: number, ingestedAt: number): void | Promise<void> {
    this.pending.push({
      key: id,
      value: JSON.stringify(value),
      timestamp: String(Math.floor(ts)),
      headers: { createdAt: String(createdAt), ingestedAt: String(ingestedAt) },
    });
    if (this.pending.length >= this.batch) return this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const messages = this.pending;
    this.pending = [];
    await (this.txn ?? this.producer).send({ topic: this.options.topic, messages });
    if (this.txn === null) this.sent += messages.length;
    else this.inTxn += messages.length;
  }

  /**
   * After a failed run: aborts the open transaction (read_committed consumers never see its records;
   * in plain mode what was sent stays) and disconnects.
   */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.txn?.abort();
    } finally {
      this.txn = null;
      await this.producer.disconnect();
    }
  }

  /** Sends the rest, commits the transaction (transactional mode) and disconnects. */
  async close(): Promise<void> {
    // The engine closes its sinks and the harness closes this one again after the run: once is enough.
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flush();
      if (this.txn !== null) {
        await this.txn.commit();
        this.sent += this.inTxn;
        this.txn = null;
      }
    } catch (e) {
      await this.txn?.abort().catch(() => undefined);
      throw e;
    } finally {
      await this.producer.disconnect();
    }
  }
}

/** Writes every record to both sinks (the harness's recording sink and a Kafka sink). */
export function teeSink<T>(first: SinkWriter<T>, second: SinkWriter<T>): SinkWriter<T> {
  return {
    write(id, value, ts, createdAt, ingestedAt) {
      const a = first.write(id, value, ts, createdAt, ingestedAt);
      const b = second.write(id, value, ts, createdAt, ingestedAt);
      if (a === undefined && b === undefined) return;
      return Promise.all([a, b]).then(() => undefined);
    },
    async close() {
      await first.close?.();
      await second.close?.();
    },
  };
}

/** The Kafka sink a config asks for (`data.kafka.sinkTopic`), or null. */
export async function openConfiguredSink<T>(
  kafka: { brokers: string[]; sinkTopic?: string; sinkMode: KafkaSinkMode } | undefined,
): Promise<KafkaSink<T> | null> {
  if (kafka?.sinkTopic === undefined) return null;
  return KafkaSink.open<T>({ brokers: kafka.brokers, topic: kafka.sinkTopic, mode: kafka.sinkMode });
}

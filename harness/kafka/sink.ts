/**
 * Predictions to a Kafka topic. Records are batched and sent when a batch fills; `write` then returns
 * the send's promise, which stalls the engine's sink until the broker acknowledges (backpressure, as
 * the SinkWriter contract allows). Plain mode is an ordinary idempotent producer (at-least-once, for the
 * Storm-style engine). Transactional mode follows the engine: an exactly-once engine with checkpoints
 * hands each checkpoint's / batch's / epoch's outputs to `commitTransaction`, which becomes one kafkajs
 * transaction (Flink's KafkaSink EXACTLY_ONCE: a Kafka transaction per checkpoint), ignored when its
 * TransactionId was already committed by this sink (a restored checkpoint re-commits); records that
 * arrive through `write` instead go into one transaction for the whole run, committed on `close()`.
 * Either way `read_committed` consumers see only committed outputs.
 * Each message is keyed by the output id and carries the intended emission time (`createdAt`) and the
 * engine's ingestion time as headers, so a downstream consumer can measure end-to-end latency.
 */
import type { Message, Producer, Transaction } from 'kafkajs';
import type { OutputRecord, SinkWriter, TransactionId } from '../../engines/contract.js';
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
  /** Engine transactions committed, and re-commits ignored. */
  transactionsCommitted = 0;
  recommitsIgnored = 0;
  private readonly committedTxns = new Set<string>();
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
    return new KafkaSink<T>(producer, options);
  }

  get transactional(): boolean {
    return this.options.mode === 'transactional';
  }

  write(id: string, value: T, ts: number, createdAt: number, ingestedAt: number): void | Promise<void> {
    this.pending.push(message(id, value, ts, createdAt, ingestedAt));
    if (this.pending.length >= this.batch) return this.flush();
  }

  /**
   * One engine transaction = one Kafka transaction (transactional mode; the tee offers it only then).
   * A producer has one transaction at a time, and several sink subtasks commit after one checkpoint,
   * so commits queue behind each other.
   */
  commitTransaction(txn: TransactionId, records: readonly OutputRecord<T>[]): Promise<void> {
    return this.commitOnce(txn, records).then(() => undefined);
  }

  /** As `commitTransaction`; resolves true when this call committed, false for an ignored re-commit. */
  commitOnce(txn: TransactionId, records: readonly OutputRecord<T>[]): Promise<boolean> {
    const done = this.commits.then(() => this.commitNow(txn, records));
    this.commits = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  private commits: Promise<void> = Promise.resolve();

  private async commitNow(txn: TransactionId, records: readonly OutputRecord<T>[]): Promise<boolean> {
    const key = `${txn.task}#${txn.id}`;
    if (this.committedTxns.has(key)) {
      this.recommitsIgnored++;
      return false;
    }
    if (records.length > 0) {
      const t = await this.producer.transaction();
      try {
        const messages = records.map((r) => message(r.id, r.value, r.ts, r.createdAt, r.ingestedAt));
        for (const m of messages) m.headers!.txn = key;
        await t.send({ topic: this.options.topic, messages });
        await t.commit();
      } catch (e) {
        await t.abort().catch(() => undefined);
        throw e;
      }
      this.sent += records.length;
    }
    this.committedTxns.add(key);
    this.transactionsCommitted++;
    return true;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const messages = this.pending;
    this.pending = [];
    if (this.transactional) this.txn ??= await this.producer.transaction();
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

function message(id: string, value: unknown, ts: number, createdAt: number, ingestedAt: number): Message {
  return {
    key: id,
    value: JSON.stringify(value),
    timestamp: String(Math.floor(ts)),
    headers: { createdAt: String(createdAt), ingestedAt: String(ingestedAt) },
  };
}

/**
 * Writes every record to both sinks (the harness's recording sink and a Kafka sink). With a
 * transactional Kafka sink the tee offers `commitTransaction` too, so an exactly-once engine commits per
 * checkpoint: the recording sink then sees each record when its transaction commits — when a
 * `read_committed` consumer could first see it, which is the latency that guarantee costs.
 */
export function teeSink<T>(first: SinkWriter<T>, second: KafkaSink<T>): SinkWriter<T> {
  const tee: SinkWriter<T> = {
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
  if (second.transactional) {
    tee.commitTransaction = async (txn, records) => {
      // Asked of this commit, not read off a counter: commits queue, so another may finish meanwhile.
      if (!(await second.commitOnce(txn, records))) return; // a re-commit: already delivered
      for (const r of records) await first.write(r.id, r.value, r.ts, r.createdAt, r.ingestedAt);
    };
  }
  return tee;
}

/** The Kafka sink a config asks for (`data.kafka.sinkTopic`), or null. */
export async function openConfiguredSink<T>(
  kafka: { brokers: string[]; sinkTopic?: string; sinkMode: KafkaSinkMode } | undefined,
): Promise<KafkaSink<T> | null> {
  if (kafka?.sinkTopic === undefined) return null;
  return KafkaSink.open<T>({ brokers: kafka.brokers, topic: kafka.sinkTopic, mode: kafka.sinkMode });
}

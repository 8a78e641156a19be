/**
 * Reads the job's output topic with isolation.level=read_committed (kafkajs's default), so it sees only
 * what the Flink Kafka sink committed at checkpoints: nothing of an aborted or lingering transaction.
 * Each record goes to the plan's sink of its name, stamped as the job stamped it (createdAt from the
 * driver, ingestedAt from Flink's source), so latency is measured at the moment the output became
 * visible here. Resolves `ended` at the job's END record, which follows every other output.
 */
import type { Consumer, Kafka } from 'kafkajs';
import type { SinkWriter } from '../../engines/contract.js';
import { FlinkJobError } from './errors.js';

interface OutputMessage {
  readonly sink: string;
  readonly id: string;
  readonly ts: number;
  readonly createdAt: number | string;
  readonly ingestedAt: number | string;
  readonly value: unknown;
}

export class OutputReader {
  /** Outputs delivered, per sink. */
  readonly counts: Record<string, number> = {};
  /** Wall time and event-time lag of every delivered output: the adapter's recovery figures. */
  readonly onOutput: ((at: number, createdAt: number) => void)[] = [];
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;
  private rejectEnded!: (e: Error) => void;

  private constructor(
    private readonly consumer: Consumer,
    private readonly sinks: Readonly<Record<string, SinkWriter>>,
    private readonly now: () => number,
  ) {
    this.ended = new Promise((resolve, reject) => {
      this.resolveEnded = resolve;
      this.rejectEnded = reject;
    });
    // A failure may come before anyone awaits `ended`; it is awaited later, so mark it handled here.
    this.ended.catch(() => undefined);
  }

  static async open(
    kafka: Kafka,
    topic: string,
    sinks: Readonly<Record<string, SinkWriter>>,
    now: () => number,
  ): Promise<OutputReader> {
    const consumer = kafka.consumer({
      groupId: `flinkcoin-real-${process.pid}-${Date.now()}`,
      readUncommitted: false,
      maxWaitTimeInMs: 20,
    });
    const reader = new OutputReader(consumer, sinks, now);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => reader.receive(message.value?.toString() ?? ''),
    });
    return reader;
  }

  private async receive(text: string): Promise<void> {
    const m = JSON.parse(text) as OutputMessage;
    if (m.sink === 'end') {
      this.resolveEnded();
      return;
    }
    const sink = this.sinks[m.sink];
    if (sink === undefined) {
      this.rejectEnded(new FlinkJobError(`the Flink job wrote to an unknown sink "${m.sink}"`));
      return;
    }
    const createdAt = Number(m.createdAt);
    this.counts[m.sink] = (this.counts[m.sink] ?? 0) + 1;
    for (const f of this.onOutput) f(this.now(), createdAt);
    await sink.write(m.id, m.value, m.ts, createdAt, Number(m.ingestedAt));
  }

  fail(error: Error): void {
    this.rejectEnded(error);
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/**
 * A Kafka topic as a `ReplayableInput<MarketEvent>`. `SourceReader.poll` is synchronous and never
 * blocks, while kafkajs fetches asynchronously, so a kafkajs consumer prefetches into a bounded buffer
 * and `next()` takes from it. When the buffer is full, the consumer's `eachMessage` waits until it is
 * half drained (kafkajs fetches no further meanwhile; its pause()/resume(), tried first, stalled the
 * fetch loop for good under kafkajs 2.2.4). While the buffer is empty
 * and the input is not at its end, `starved()` is true and the driver idles instead of ending.
 *
 * The end is the topic's end offsets captured at start (or `maxEvents`): a bounded replay of what the
 * topic held, the benchmark's default (a run over a live topic would never end). Values are raw feed
 * lines parsed with the Coinbase parser, one parser per partition (a product's lines stay in one
 * partition); a bad record is set aside like a bad file line, file `kafka:topic/partition`, line = offset.
 *
 * Partitions are merged in record-timestamp order (ties: lower partition first), as Flink's per-split
 * watermarks would see them: a record is handed out only when every partition not yet at its end has
 * one buffered, so the merged order, and with it which events are late, does not depend on how kafkajs
 * happened to batch its fetches. The merge of the records after a position is the rest of the merge,
 * so a run restored from offsets goes on in the same order.
 *
 * Offsets are not committed to a group: the engine owns them through its source's position (see
 * `KafkaSourceReader`). A position is the next offset per partition after the last event handed out,
 * plus how many events of a multi-event record were already handed out (`SKIP`, of partition `SKIP_P`).
 */
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { coinbaseFormatParser } from '../../datasets/coinbase/index.js';
import type { MarketEvent } from '../../datasets/events.js';
import type { FormatParser } from '../../datasets/formats/parser.js';
import { type Rejection, RejectLog, type ReplayableInput, type Timestamped } from '../../datasets/input.js';
import { type DatasetParseError, FlinkCoinError } from '../errors.js';
import { connectAdmin, kafkaClient } from './client.js';

export interface KafkaInputOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  /** Stop after this many events (`data.maxEvents`). */
  readonly maxEvents?: number;
  /** Records buffered ahead of the engine; the consumer waits at this many. */
  readonly bufferRecords?: number;
}

/** Partition number (as a string) → offset, plus the `SKIP`/`SKIP_P` keys; a `SourcePosition`. */
export type KafkaPosition = Record<string, number>;
/** How long a crashed consumer has to come back (kafkajs restarts it) before the run fails. */
export const RECOVERY_MS = 30_000;
export const SKIP = '@skip';
export const SKIP_P = '@skipPartition';

interface Buffered {
  readonly partition: number;
  readonly offset: number;
  readonly value: string;
  readonly timestamp: number;
}

/** An event ready to hand out, with where it came from (for positions). */
interface Ready extends Timestamped<MarketEvent> {
  readonly partition: number;
  readonly offset: number;
  /** Events of its record up to and including it. */
  readonly nth: number;
  /** Whether it is its record's last event. */
  readonly last: boolean;
}

export class KafkaInput implements ReplayableInput<MarketEvent> {
  readonly rejects = new RejectLog();
  private consumer!: Consumer;
  private start: Record<string, number> = {};
  private end: Record<string, number> = {};
  /** The topic's partitions (keys of `end`). */
  private partitions: string[] = [];
  /** Next offset the buffer accepts per partition; older ones are refetches and are dropped. */
  private fetched: Record<string, number> = {};
  /** Partitions just sought: their first accepted record must be exactly at `fetched` (stale fetches in flight are not). */
  private exact = new Set<string>();
  /** Next offset per partition after the records parsed so far. */
  private consumed: Record<string, number> = {};
  /** Events of the first record read after a seek that were handed out before it. */
  private skip = { partition: -1, events: 0 };
  /** Fetched records not yet parsed, per partition in offset order (taken from `head` on). */
  private queues = new Map<number, { items: Buffered[]; head: number }>();
  private buffered = 0;
  /** Releases a consumer waiting for room in the buffer. */
  private release: (() => void) | null = null;
  private failure: { error: unknown; at: number } | null = null;
  private parsers = new Map<number, FormatParser>();
  private ready: Ready[] = [];
  private readyHead = 0;
  private emitted = 0;
  /** Position after the last event handed out, and before it (for a driver still holding that event). */
  private after: KafkaPosition = {};
  private before: KafkaPosition = {};
  private readonly capacity: number;

  private constructor(private readonly options: KafkaInputOptions) {
    this.capacity = options.bufferRecords ?? 10_000;
  }

  /** Connects, captures the topic's start and end offsets, and starts prefetching from the start. */
  static async open(options: KafkaInputOptions): Promise<KafkaInput> {
    const input = new KafkaInput(options);
    await input.connect();
    return input;
  }

  private async connect(): Promise<void> {
    const { brokers, topic } = this.options;
    const kafka = kafkaClient(brokers, 'flinkcoin-source');
    const admin = await connectAdmin(kafka, brokers);
    try {
      if (!(await admin.listTopics()).includes(topic))
        throw new FlinkCoinError(`Kafka topic "${topic}" does not exist; load it with \`flinkcoin produce\``);
      for (const p of await admin.fetchTopicOffsets(topic)) {
        this.start[p.partition] = Number(p.low);
        this.end[p.partition] = Number(p.high);
      }
      this.partitions = Object.keys(this.end);
    } finally {
      await admin.disconnect();
    }
    // A fresh group per run and no commits: the engine's checkpoints hold the offsets.
    this.consumer = kafka.consumer({ groupId: `flinkcoin-${process.pid}-${Date.now()}`, maxBytes: 4 << 20 });
    // kafkajs restarts a crashed consumer (a broker restart, say); the run fails only if no record
    // arrives within RECOVERY_MS of the crash.
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      this.failure ??= { error: e.payload.error, at: Date.now() };
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.applySeeks());
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachMessage: async (m) => this.receive(m) });
    this.seek(0);
  }

  private receive({ partition, message }: EachMessagePayload): Promise<void> | undefined {
    const offset = Number(message.offset);
    const p = String(partition);
    if (offset >= (this.end[p] ?? 0)) return;
    if (this.exact.has(p) ? offset !== this.fetched[p] : offset < (this.fetched[p] ?? 0)) return;
    this.exact.delete(p);
    this.failure = null;
    this.fetched[p] = offset + 1;
    this.queueOf(partition).items.push({
      partition,
      offset,
      value: message.value?.toString('utf8') ?? '',
      timestamp: Number(message.timestamp),
    });
    this.buffered++;
    // Wait for room only while the merge can go on without this consumer: kafkajs hands batches over
    // one at a time, so waiting while another partition is empty would keep its records from coming.
    if (this.buffered < this.capacity || this.waitingPartition() !== null) return;
    return new Promise((resolve) => {
      this.release = resolve;
    });
  }

  private queueOf(partition: number): { items: Buffered[]; head: number } {
    let q = this.queues.get(partition);
    if (q === undefined) {
      q = { items: [], head: 0 };
      this.queues.set(partition, q);
    }
    return q;
  }

  /** A partition not yet at its end with nothing buffered (the merge must wait for it), or null. */
  private waitingPartition(): string | null {
    for (const p of this.partitions) {
      const q = this.queues.get(Number(p));
      if ((this.consumed[p] ?? 0) < this.end[p] && (q === undefined || q.head === q.items.length)) return p;
    }
    return null;
  }

  /**
   * Seeks the consumer to the offsets asked for. kafkajs refuses a seek while the consumer is not
   * running (crashed by a broker restart, waiting to rejoin its group): those wait for the next
   * GROUP_JOIN. Records fetched meanwhile are dropped by `receive` (`exact`), so none is read twice.
   */
  private applySeeks(): void {
    for (const [partition, offset] of this.pendingSeeks) {
      try {
        this.consumer.seek({ topic: this.options.topic, partition, offset: String(offset) });
        this.pendingSeeks.delete(partition);
      } catch {
        return; // not running: GROUP_JOIN retries
      }
    }
  }

  private readonly pendingSeeks = new Map<number, number>();

  private wake(): void {
    this.release?.();
    this.release = null;
  }

  next(): Timestamped<MarketEvent> | null {
    if (this.failure !== null && Date.now() - this.failure.at > RECOVERY_MS)
      throw new FlinkCoinError(
        `the Kafka consumer of "${this.options.topic}" crashed and read nothing for ${RECOVERY_MS / 1000} s ` +
          `(is the broker at ${this.options.brokers.join(', ')} up?)`,
        { retriable: true, cause: this.failure.error },
      );
    if (this.limitReached()) return null;
    while (this.readyHead === this.ready.length) {
      this.ready.length = 0;
      this.readyHead = 0;
      if (!this.readRecord()) return null;
    }
    const event = this.ready[this.readyHead++];
    this.emitted++;
    this.before = this.after;
    this.after = { ...this.after, [event.partition]: event.last ? event.offset + 1 : event.offset };
    if (event.last) {
      delete this.after[SKIP];
      delete this.after[SKIP_P];
    } else {
      this.after[SKIP] = event.nth;
      this.after[SKIP_P] = event.partition;
    }
    return event;
  }

  /** True while the next record is still on its way (not at the end, a partition's next record missing). */
  starved(): boolean {
    return this.readyHead === this.ready.length && !this.limitReached() && this.waitingPartition() !== null;
  }

  private limitReached(): boolean {
    return this.options.maxEvents !== undefined && this.emitted >= this.options.maxEvents;
  }

  /** Parses the next record of the merge into `ready`; false when a partition's next record is missing. */
  private readRecord(): boolean {
    if (this.waitingPartition() !== null) {
      this.wake(); // a consumer waiting for room must go on to fetch the missing partition
      return false;
    }
    let next: { items: Buffered[]; head: number } | null = null;
    for (const q of this.queues.values()) {
      if (q.head === q.items.length) continue;
      const head = q.items[q.head];
      const best = next === null ? null : next.items[next.head];
      if (
        best === null ||
        head.timestamp < best.timestamp ||
        (head.timestamp === best.timestamp && head.partition < best.partition)
      )
        next = q;
    }
    if (next === null) return false; // every partition is at its end
    const record = next.items[next.head++];
    if (next.head === next.items.length) {
      next.items = [];
      next.head = 0;
    }
    this.buffered--;
    if (this.buffered <= this.capacity / 2) this.wake();
    const { partition, offset } = record;
    this.consumed[partition] = offset + 1;
    if (record.value.trim().length === 0) return true;
    const outcome = this.parserOf(partition).parse(record.value, offset);
    if (!outcome.ok) {
      this.rejects.add(rejection(outcome.error));
      return true;
    }
    if (outcome.gap) this.rejects.add(rejection(outcome.gap));
    const skip = this.skip.partition === partition ? this.skip.events : 0;
    if (this.skip.partition === partition) this.skip = { partition: -1, events: 0 };
    const events = outcome.events;
    for (let i = skip; i < events.length; i++) {
      // Undated events (snapshots) take the record's timestamp: the producer set it to the neighbour's
      // event time, as the file reader dates them.
      const event = Number.isNaN(events[i].time) ? { ...events[i], time: record.timestamp } : events[i];
      this.ready.push({
        value: event,
        ts: event.time,
        partition,
        offset,
        nth: i + 1,
        last: i === events.length - 1,
      });
    }
    return true;
  }

  private parserOf(partition: number): FormatParser {
    let parser = this.parsers.get(partition);
    if (parser === undefined) {
      parser = coinbaseFormatParser(`kafka:${this.options.topic}/${partition}`);
      this.parsers.set(partition, parser);
    }
    return parser;
  }

  /** Events handed out (the driver's index). */
  position(): number {
    return this.emitted;
  }

  /** Only a rewind to the start is by index (the driver's replay); any other position is by offsets. */
  seek(position: number): void {
    if (position !== 0)
      throw new FlinkCoinError(
        `a Kafka input seeks by offsets (seekOffsets), not to event index ${position}`,
      );
    this.rejects.clear();
    this.seekOffsets({ ...this.start }, 0);
  }

  /** Where the input is: after the last event handed out, or before it (`heldBack`: not yet emitted). */
  offsets(heldBack: boolean): KafkaPosition {
    return { ...this.start, ...(heldBack ? this.before : this.after) };
  }

  /**
   * Rewinds (or skips) the consumer to a position from `offsets()`: buffer and parsers are dropped and
   * records from there on are fetched again; `emitted` (events handed out) becomes `index`. Rejects met
   * again after the position are counted again.
   */
  seekOffsets(position: KafkaPosition, index: number): void {
    this.queues.clear();
    this.buffered = 0;
    this.ready = [];
    this.readyHead = 0;
    this.parsers.clear();
    this.emitted = index;
    this.skip = { partition: position[SKIP_P] ?? -1, events: position[SKIP] ?? 0 };
    this.after = { ...position };
    this.before = this.after;
    for (const [p, offset] of Object.entries(position)) {
      if (p.startsWith('@')) continue;
      this.fetched[p] = offset;
      this.consumed[p] = offset;
      this.exact.add(p);
      this.pendingSeeks.set(Number(p), offset);
    }
    this.applySeeks();
    // A consumer waiting with a stale batch goes on; kafkajs drops the rest of it after a seek.
    this.wake();
  }

  describe(): Record<string, unknown> {
    const { brokers, topic, maxEvents } = this.options;
    return {
      format: 'kafka',
      parser: 'coinbase-exchange',
      brokers: [...brokers],
      topic,
      startOffsets: this.start,
      endOffsets: this.end,
      ...(maxEvents === undefined ? {} : { maxEvents }),
    };
  }

  async close(): Promise<void> {
    this.wake();
    await this.consumer.disconnect();
  }
}

function rejection(error: DatasetParseError): Rejection {
  const { file, line, field, reason, kind } = error;
  return { file, line, field, reason, kind };
}

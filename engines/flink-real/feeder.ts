/**
 * Drains the JobSpec's source readers into the job's input topic, keeping the open-loop pacing the
 * readers already have: whatever is due is sent, and the feeder sleeps until the next event is due.
 * Each message is the MarketEvent's JSON, keyed by product, with the driver's intended emission time in
 * a `createdAt` header. After the last event it sends the end-of-input marker, whose far-future event
 * time moves Flink's watermark past every window and timer (the job then emits its END output).
 */
import type { Message, Producer } from 'kafkajs';
import type { Clock, SourceReader } from '../../engines/contract.js';

export const END_MARKER = JSON.stringify({ kind: 'end' });

/** Most events taken from a reader per poll. */
const MAX_BATCH = 2000;

export interface FeedProgress {
  /** Events sent so far. */
  sent: number;
}

export async function feed(
  readers: readonly SourceReader[],
  producer: Producer,
  topic: string,
  clock: Clock,
  progress: FeedProgress,
  signal?: AbortSignal,
): Promise<void> {
  for (const reader of readers) {
    for (;;) {
      if (signal?.aborted) return;
      const batch: Message[] = [];
      const now = clock.now();
      const result = reader.poll(now, MAX_BATCH, (value, ts, createdAt) => {
        const event = value as { product?: string };
        batch.push({
          key: event.product ?? null,
          value: JSON.stringify(value),
          timestamp: String(Math.floor(ts)),
          headers: { createdAt: String(createdAt) },
        });
      });
      if (batch.length > 0) {
        await producer.send({ topic, messages: batch, acks: -1 });
        progress.sent += batch.length;
      }
      if (result.kind === 'end') break;
      if (result.kind === 'idle') await sleep(Math.max(0, result.until - clock.now()));
    }
  }
  await producer.send({ topic, messages: [{ key: null, value: END_MARKER }], acks: -1 });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50)));
}

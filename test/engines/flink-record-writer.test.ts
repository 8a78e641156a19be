/**
 * The RecordWriter's invariant: an open buffer is never full, whatever mix of records and in-band
 * events (watermarks) filled it. A watermark that filled a buffer to capacity once let the next
 * records be written past its end, where the receiver never saw them (records lost under load).
 */
import { describe, expect, it } from 'vitest';
import {
  InputChannel,
  InputGate,
  NetworkStats,
  ResultSubpartition,
} from '../../engines/flink/runtime/channel.js';
import { RECORD } from '../../engines/flink/runtime/network-buffer.js';
import { RecordWriter } from '../../engines/flink/runtime/record-writer.js';

function received(channel: InputChannel): number[] {
  const out: number[] = [];
  while (channel.available) {
    const b = channel.peek();
    for (let i = 0; i < b.size; i++) if (b.kinds[i] === RECORD) out.push(b.values[i] as number);
    channel.release();
  }
  return out;
}

describe('engines/flink: RecordWriter', () => {
  it.each([1, 2, 3, 4])(
    'delivers every record when watermarks land on the last slot (capacity 4, offset %d)',
    (k) => {
      const channel = new InputChannel(new InputGate(1000), 0, 1000);
      const sp = new ResultSubpartition(channel, 4, new NetworkStats());
      const writer = new RecordWriter([sp], null, false);
      const sent: number[] = [];
      for (let i = 0; i < 100; i++) {
        writer.process(i, i, 0, 0);
        sent.push(i);
        if (i % k === 0) writer.watermark(i);
        expect(sp.open().size).toBeLessThan(4);
      }
      writer.finish();
      expect(received(channel)).toEqual(sent);
    },
  );
});

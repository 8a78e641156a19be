/**
 * `--speed N` replays at N× recorded time with event time taken from the data: each event is due at
 * start + (its time − the first event's time) / N, whatever the wall clock did between polls; an event
 * stamped before the ones already sent is due in the past, so it goes at once, carrying its intended time.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';

describe('harness/driver: speed pacing', () => {
  const events = [1_000, 2_000, 1_500, 5_000].map((ts) => ({ value: ts, ts }));

  it('releases events at recorded gaps divided by the speed, late ones at once', () => {
    const source = new OpenLoopSource(new ArrayInput(events), { mode: 'speed', factor: 2 }, 10_000);
    const sent: [ts: number, createdAt: number][] = [];
    const emit = (_: number, ts: number, createdAt: number) => sent.push([ts, createdAt]);
    expect(source.poll(10_000, 100, emit)).toEqual({ kind: 'records', n: 1 });
    expect(source.poll(10_100, 100, emit)).toEqual({ kind: 'idle', until: 10_500 });
    expect(source.poll(10_600, 100, emit)).toEqual({ kind: 'records', n: 2 });
    expect(source.poll(10_700, 100, emit)).toEqual({ kind: 'idle', until: 12_000 });
    expect(source.poll(12_000, 100, emit)).toEqual({ kind: 'records', n: 1 });
    expect(source.poll(12_001, 100, emit)).toEqual({ kind: 'end' });
    expect(sent).toEqual([
      [1_000, 10_000],
      [2_000, 10_500],
      [1_500, 10_250],
      [5_000, 12_000],
    ]);
  });

  it('keeps the schedule anchored to the first event after a rewind (a restore replays on time)', () => {
    const source = new OpenLoopSource(new ArrayInput(events), { mode: 'speed', factor: 10 }, 0);
    const sent: number[] = [];
    source.poll(1_000, 100, (_, __, createdAt) => sent.push(createdAt));
    source.seek(1);
    source.poll(1_000, 100, (_, __, createdAt) => sent.push(createdAt));
    expect(sent).toEqual([0, 100, 50, 400, 100, 50, 400]);
  });
});

/**
 * The pieces a Flink-style snapshot is made of (engines/shared): the codec keeps every number a state
 * can hold, the keyed state backend lists and reloads every key, and a timer snapshot keeps the firing
 * order and leaves the queue as it was.
 */
import { describe, expect, it } from 'vitest';
import { CounterSet } from '../../engines/shared/counters.js';
import { KeyedContextImpl } from '../../engines/shared/keyed-context.js';
import { decodeSnapshot, encodeSnapshot } from '../../engines/shared/snapshot-codec.js';
import { TimerQueue } from '../../engines/shared/timer-queue.js';
import { restoreTimers, snapshotTimers } from '../../engines/shared/timer-snapshot.js';

describe('engines/shared: snapshot codec and snapshot-able keyed state', () => {
  it('round-trips NaN, ±Infinity and −0 that plain JSON would lose', () => {
    const value = {
      wm: Number.NEGATIVE_INFINITY,
      end: Number.POSITIVE_INFINITY,
      acc: { open: Number.NaN, zero: -0, xs: [1.5, Number.NaN, 2 ** -1074] },
      text: 'number:NaN',
    };
    const back = decodeSnapshot<typeof value>(encodeSnapshot(value));
    expect(back).toEqual(value);
    expect(Object.is(back.acc.zero, -0)).toBe(true);
    expect(JSON.parse(JSON.stringify(value)).wm).toBeNull(); // what the codec is for
  });

  it('snapshots every key, and a restore gives back equal but unshared state', () => {
    const ctx = new KeyedContextImpl(new TimerQueue(), new CounterSet());
    ctx.setKey('a', 0);
    ctx.state.set('book', { bids: [[1, 2]] });
    ctx.state.set('n', 1);
    ctx.setKey('b', 0);
    ctx.state.set('n', 2);
    ctx.setKey('empty', 0);
    const text = encodeSnapshot(ctx.state.snapshot());
    ctx.setKey('a', 0);
    ctx.state.get<{ bids: number[][] }>('book')!.bids.push([3, 4]); // mutated after the snapshot

    const restored = new KeyedContextImpl(new TimerQueue(), new CounterSet());
    restored.state.restore(decodeSnapshot(text));
    restored.setKey('a', 0);
    expect(restored.state.get('book')).toEqual({ bids: [[1, 2]] });
    expect(restored.state.names()).toEqual(['book', 'n']);
    restored.setKey('b', 0);
    expect(restored.state.get('n')).toBe(2);
    expect(decodeSnapshot<unknown[]>(text).map((e) => (e as [string])[0])).toEqual(['a', 'b']);
  });

  it('snapshots timers in firing order, leaves the queue unchanged, and restores the same order', () => {
    const queue = new TimerQueue();
    for (const [key, time] of [
      ['x', 30],
      ['y', 10],
      ['z', 10],
      ['x', 20],
      ['w', 10],
    ] as const) {
      queue.register(key, time);
    }
    queue.delete('x', 20);
    const snapshot = snapshotTimers(queue);
    expect(snapshot).toEqual([
      [10, 'y'],
      [10, 'z'],
      [10, 'w'],
      [30, 'x'],
    ]);
    const drain = (q: TimerQueue) => {
      const out: [number, string][] = [];
      for (let t = q.pollUpTo(100); t !== null; t = q.pollUpTo(100)) out.push([t.time, t.key]);
      return out;
    };
    const restored = new TimerQueue();
    restoreTimers(restored, decodeSnapshot(encodeSnapshot(snapshot)));
    expect(drain(restored)).toEqual(snapshot);
    expect(drain(queue)).toEqual(snapshot);
    const busy = new TimerQueue();
    busy.register('k', 1);
    expect(() => restoreTimers(busy, snapshot)).toThrow(/holds 1/);
  });
});

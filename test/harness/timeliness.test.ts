/** Timeliness: which predictions arrived before the window they forecast had ended in the replay. */
import { describe, expect, it } from 'vitest';
import { EventTimeSchedule } from '../../harness/metrics/event-time-schedule.js';
import { timelinessOf } from '../../harness/metrics/timeliness.js';
import type { Scored } from '../../workloads/crypto/records.js';

describe('harness/metrics: event-time schedule and timeliness', () => {
  it('maps an event time to the intended time of the first event at or after it', () => {
    const s = new EventTimeSchedule();
    // Event times 0, 500, 400 (late), 1000, 2500 sent at wall 100, 200, 300, 400, 500.
    for (const [i, t] of [0, 500, 400, 1000, 2500].entries()) s.note(t, 100 * (i + 1));
    expect(s.reached(0)).toBe(100);
    expect(s.reached(450)).toBe(200);
    expect(s.reached(1000)).toBe(400);
    expect(s.reached(1001)).toBe(500);
    expect(s.reached(3000)).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts a forecast actionable only when delivered by the end of its window, and scores only those', () => {
    const s = new EventTimeSchedule();
    for (let t = 0; t <= 5000; t += 100) s.note(t, 10_000 + t); // replay at recorded speed
    const row = (target: number, predicted: number): Scored => ({
      product: 'P',
      target,
      predicted,
      persistence: 0,
      actual: 1,
    });
    const scored = [row(1000, 1), row(2000, -1), row(3000, 1)];
    // Windows end at 2000, 3000, 4000 → replay reached them at 12 000, 13 000, 14 000.
    const delivered = new Map([
      ['P@1000', 11_500], // 500 ms early
      ['P@2000', 13_200], // 200 ms after its window ended
      ['P@3000', 14_000], // exactly at the end: still actionable
    ]);
    const t = timelinessOf(scored, delivered, s, 1000);
    expect(t.scored).toBe(3);
    expect(t.actionable).toBe(2);
    expect(t.actionableShare).toBeCloseTo(2 / 3, 12);
    expect(t.medianSlackMs).toBe(0);
    expect(t.accuracy.count).toBe(2);
    expect(t.accuracy.directionalAccuracy).toBe(1); // the late, wrong-signed forecast is not in it
  });
});

/**
 * Event-time timers of one keyed operator instance: a binary min-heap on (time, registration order),
 * deduplicated per (key, time) as Flink's InternalTimerService. push/pop O(log n); delete is lazy.
 */
import type { Millis } from '../../workloads/plan/index.js';

interface Timer {
  time: Millis;
  seq: number;
  key: string;
}

export class TimerQueue {
  private readonly heap: Timer[] = [];
  private readonly live = new Set<string>();
  private seq = 0;

  get size(): number {
    return this.live.size;
  }

  register(key: string, time: Millis): void {
    const id = `${time}\u0000${key}`;
    if (this.live.has(id)) return;
    this.live.add(id);
    this.heap.push({ time, seq: this.seq++, key });
    this.up(this.heap.length - 1);
  }

  delete(key: string, time: Millis): void {
    this.live.delete(`${time}\u0000${key}`);
  }

  /** Removes and returns the earliest live timer at or before `wm`, or null. */
  pollUpTo(wm: Millis): Timer | null {
    while (this.heap.length > 0 && this.heap[0].time <= wm) {
      const top = this.pop();
      if (this.live.delete(`${top.time}\u0000${top.key}`)) return top;
    }
    return null;
  }

  private pop(): Timer {
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: Timer, b: Timer): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}

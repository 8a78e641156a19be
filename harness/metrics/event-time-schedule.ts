/**
 * When, in the driver's intended wall time, the replay reached each point of event time: the record of
 * (newest event time so far, intended emission time) each time the newest event time advances. It maps
 * an event time to the moment an open-loop client would have sent the first event at or after it, which
 * is when a window ending there had ended "in the market" of the replay.
 * Memory: one pair per advance of the newest event time (at most one per event).
 */
export class EventTimeSchedule {
  private times = new Float64Array(1024);
  private at = new Float64Array(1024);
  private size = 0;
  private newest = Number.NEGATIVE_INFINITY;

  /** Called for every event the driver emits, in emission order. */
  note(eventTime: number, intendedAt: number): void {
    if (!(eventTime > this.newest)) return;
    this.newest = eventTime;
    if (this.size === this.times.length) this.grow();
    this.times[this.size] = eventTime;
    this.at[this.size] = intendedAt;
    this.size++;
  }

  /** The intended emission time of the first event at or after `eventTime`; +∞ if the replay never got there. */
  reached(eventTime: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid] < eventTime) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.size ? this.at[lo] : Number.POSITIVE_INFINITY;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const at = new Float64Array(this.at.length * 2);
    times.set(this.times);
    at.set(this.at);
    this.times = times;
    this.at = at;
  }
}

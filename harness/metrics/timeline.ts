/** Per-bucket aggregation over wall time (100 ms buckets by default): counts or maxima. */
export class Timeline {
  private readonly buckets: number[] = [];

  constructor(
    private readonly startAt: number,
    private readonly bucketMs = 100,
  ) {}

  add(at: number, n: number): void {
    const i = this.index(at);
    this.buckets[i] = (this.buckets[i] ?? 0) + n;
  }

  max(at: number, value: number): void {
    const i = this.index(at);
    if (!(this.buckets[i] >= value)) this.buckets[i] = value;
  }

  /** [ms since start, value] for every bucket, 0 where nothing happened. */
  points(): [number, number][] {
    return Array.from(this.buckets, (v, i) => [i * this.bucketMs, v ?? 0] as [number, number]);
  }

  private index(at: number): number {
    return Math.max(0, Math.floor((at - this.startAt) / this.bucketMs));
  }
}

/**
 * The replayable input shared by every source of Coinbase ws-feed lines (a recorded file, the seeded
 * generator): it parses each line, sets malformed ones aside in `rejects` and goes on, flattens
 * multi-event messages, and dates snapshots, which the real feed sends without a time.
 */
import type { MarketEvent } from '../events.js';
import { RejectLog, type ReplayableInput, type Timestamped } from '../input.js';
import { coinbaseParser, type LineParser } from './index.js';

/** A forward-only source of raw lines; a fresh one is opened to replay from the start. */
export interface LineSource {
  /** The next line (without its newline), or null at the end. */
  next(): string | null;
}

/** How a `CoinbaseLineInput` reads and labels its lines. */
export interface CoinbaseLineInputOptions {
  /** Opens the lines from the beginning; called again on every rewind. */
  readonly open: () => LineSource;
  /** The name rejects carry as their file, e.g. a path or `generator(seed=42)`. */
  readonly file: string;
  /** What `describe()` returns. */
  readonly description: Record<string, unknown>;
  /** The feed version to parse with (default: the newest). */
  readonly feedVersion?: number;
}

/**
 * Coinbase lines as a `ReplayableInput<MarketEvent>`. Positions count events, not lines (one line may
 * carry none or several). A snapshot (no time on the wire) takes the time of the previous timed event;
 * snapshots met before any timed event wait for the first one and take its time, and if none ever comes
 * they are rejected (field `time`), since there is no event time to give them.
 */
export class CoinbaseLineInput implements ReplayableInput<MarketEvent> {
  readonly rejects = new RejectLog();
  private readonly parse: LineParser;
  private source!: LineSource;
  private lineNumber = 0;
  private emitted = 0;
  private lastTime = Number.NaN;
  private undatedSnapshots: { event: MarketEvent; line: number }[] = [];
  private ready: Timestamped<MarketEvent>[] = [];
  private readyHead = 0;

  constructor(private readonly options: CoinbaseLineInputOptions) {
    this.parse = coinbaseParser(options.feedVersion);
    this.restart();
  }

  next(): Timestamped<MarketEvent> | null {
    while (this.readyHead === this.ready.length) {
      this.ready.length = 0;
      this.readyHead = 0;
      if (!this.readLine()) return null;
    }
    this.emitted++;
    return this.ready[this.readyHead++];
  }

  position(): number {
    return this.emitted;
  }

  /** Rewinds by re-reading from the start (rejects too); moving forward just reads ahead. */
  seek(position: number): void {
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(`seek position must be a non-negative integer, got ${position}`);
    }
    if (position < this.emitted) this.restart();
    while (this.emitted < position && this.next() !== null) {}
  }

  describe(): Record<string, unknown> {
    return this.options.description;
  }

  private restart(): void {
    this.source = this.options.open();
    this.rejects.count = 0;
    this.rejects.samples.length = 0;
    this.lineNumber = 0;
    this.emitted = 0;
    this.lastTime = Number.NaN;
    this.undatedSnapshots = [];
    this.ready = [];
    this.readyHead = 0;
  }

  /** Reads one line into `ready`; false at the end of the source. */
  private readLine(): boolean {
    const text = this.source.next();
    if (text === null) {
      this.rejectUndatedSnapshots();
      return false;
    }
    const line = ++this.lineNumber;
    if (text.trim().length === 0) return true;
    const outcome = this.parse(text, this.options.file, line);
    if (!outcome.ok) {
      const { file, field, reason } = outcome.error;
      this.rejects.add({ file, line, field, reason });
      return true;
    }
    for (const event of outcome.events) {
      if (!Number.isNaN(event.time)) {
        this.lastTime = event.time;
        if (this.undatedSnapshots.length > 0) this.dateWaitingSnapshots(event.time);
        this.ready.push({ value: event, ts: event.time });
      } else if (Number.isNaN(this.lastTime)) {
        this.undatedSnapshots.push({ event, line });
      } else {
        this.ready.push({ value: { ...event, time: this.lastTime }, ts: this.lastTime });
      }
    }
    return true;
  }

  private dateWaitingSnapshots(time: number): void {
    for (const { event } of this.undatedSnapshots) this.ready.push({ value: { ...event, time }, ts: time });
    this.undatedSnapshots = [];
  }

  private rejectUndatedSnapshots(): void {
    for (const { line } of this.undatedSnapshots) {
      this.rejects.add({ file: this.options.file, line, field: 'time', reason: 'no timed event to date it' });
    }
    this.undatedSnapshots = [];
  }
}

/**
 * The replayable input shared by every source of lines in any format (a recorded file, the seeded
 * generator): it parses each line with the format's parser, sets bad lines aside in `rejects` and goes on,
 * flattens multi-event messages, dates events that the wire sends without a time (Coinbase snapshots,
 * Binance spot `bookTicker`), and, for recordings, sets aside duplicates and far out-of-order events.
 */
import type { MarketEvent } from './events.js';
import type { FormatParser } from './formats/parser.js';
import { type Rejection, RejectLog, type ReplayableInput, type Timestamped } from './input.js';
import { StreamChecks } from './stream-checks.js';

/** A forward-only source of raw lines; a fresh one is opened to replay from the start. */
export interface LineSource {
  /** The next line (without its newline), or null at the end. */
  next(): string | null;
}

/** How a `ParsedLineInput` reads and labels its lines. */
export interface ParsedLineInputOptions {
  /** Opens the lines from the beginning; called again on every rewind. */
  readonly open: () => LineSource;
  /** A fresh parser for the lines (parsers keep state across lines); called again on every rewind. */
  readonly parser: () => FormatParser;
  /** The name rejects carry as their file, e.g. a path or `generator(seed=42)`. */
  readonly file: string;
  /** What `describe()` returns. */
  readonly description: Record<string, unknown>;
  /**
   * When set, duplicates and events older than their stream's newest by more than this are set aside
   * (recordings). Unset for the generator, whose disorder and duplicates are deliberate test input for
   * the engines.
   */
  readonly outOfOrderToleranceMs?: number;
  /** Where rejects go; a merge of several inputs passes one log to all of them. */
  readonly rejects?: RejectLog;
}

/**
 * Lines as a `ReplayableInput<MarketEvent>`. Positions count events, not lines (one line may carry none
 * or several). An undated event takes the time of the previous timed event; undated events met before
 * any timed event wait for the first one and take its time, and if none ever comes they are rejected
 * (field `time`), since there is no event time to give them.
 */
export class ParsedLineInput implements ReplayableInput<MarketEvent> {
  readonly rejects: RejectLog;
  private source!: LineSource;
  private parser!: FormatParser;
  private checks: StreamChecks | null = null;
  private lineNumber = 0;
  private ended = false;
  private emitted = 0;
  private lastTime = Number.NaN;
  private undated: { event: MarketEvent; line: number }[] = [];
  private ready: Timestamped<MarketEvent>[] = [];
  private readyHead = 0;

  constructor(private readonly options: ParsedLineInputOptions) {
    this.rejects = options.rejects ?? new RejectLog();
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

  /**
   * Rewinds by re-reading from the start (rejects too; always for 0, since lines may have been read and
   * rejected before the first event); moving forward just reads ahead.
   */
  seek(position: number): void {
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(`seek position must be a non-negative integer, got ${position}`);
    }
    if (position < this.emitted || position === 0) this.restart();
    while (this.emitted < position && this.next() !== null) {}
  }

  describe(): Record<string, unknown> {
    return this.options.description;
  }

  private restart(): void {
    const { open, parser, outOfOrderToleranceMs } = this.options;
    this.source = open();
    this.parser = parser();
    this.checks = outOfOrderToleranceMs === undefined ? null : new StreamChecks(outOfOrderToleranceMs);
    this.rejects.clear();
    this.lineNumber = 0;
    this.ended = false;
    this.emitted = 0;
    this.lastTime = Number.NaN;
    this.undated = [];
    this.ready = [];
    this.readyHead = 0;
  }

  /** Reads one line into `ready`; false at the end of the source. */
  private readLine(): boolean {
    if (this.ended) return false;
    const text = this.source.next();
    if (text === null) {
      this.ended = true;
      for (const event of this.parser.end()) this.accept(event, this.lineNumber);
      this.rejectUndated();
      return this.ready.length > 0;
    }
    const line = ++this.lineNumber;
    if (text.trim().length === 0) return true;
    const outcome = this.parser.parse(text, line);
    if (!outcome.ok) {
      this.reject(outcome.error, line);
      return true;
    }
    if (outcome.gap) this.reject(outcome.gap, line);
    for (const event of outcome.events) this.accept(event, line);
    return true;
  }

  private accept(event: MarketEvent, line: number): void {
    if (!Number.isNaN(event.time)) {
      this.lastTime = event.time;
      if (this.undated.length > 0) this.dateWaiting(event.time);
      this.push(event, line);
    } else if (Number.isNaN(this.lastTime)) {
      this.undated.push({ event, line });
    } else {
      this.push({ ...event, time: this.lastTime }, line);
    }
  }

  private push(event: MarketEvent, line: number): void {
    const problem = this.checks?.check(event) ?? null;
    if (problem === null) this.ready.push({ value: event, ts: event.time });
    else this.reject(problem, line);
  }

  private reject({ field, reason, kind }: Pick<Rejection, 'field' | 'reason' | 'kind'>, line: number): void {
    this.rejects.add({ file: this.options.file, line, field, reason, kind });
  }

  private dateWaiting(time: number): void {
    const waiting = this.undated;
    this.undated = [];
    for (const { event, line } of waiting) this.push({ ...event, time }, line);
  }

  private rejectUndated(): void {
    for (const { line } of this.undated) {
      this.reject({ field: 'time', reason: 'no timed event to date it', kind: 'malformed' }, line);
    }
    this.undated = [];
  }
}

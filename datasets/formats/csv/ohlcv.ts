/**
 * Parser for headered candle CSVs (`timestamp,open,high,low,close,volume`, in any column order, with epoch
 * s/ms/µs, ISO-8601 or `YYYY-MM-DD HH:MM:SS` times). Such files do not state their interval, so it is
 * read from the file's first rows: the most common step between consecutive candles (a gap among them
 * does not change the mode).
 */
import { DatasetFormatError } from '../../../harness/errors.js';
import type { MarketEvent } from '../../events.js';
import { readPrice, readSize, readText } from '../../fields.js';
import { checkedCandle } from '../candle-check.js';
import { type FormatParser, type LineOutcome, problemOutcome } from '../parser.js';
import { CandleSequence } from './candle-sequence.js';
import { productFromPath, readCsvTime, splitRow } from './cells.js';
import { parseCsvTime } from './csv-time.js';
import { type OhlcvColumns, ohlcvColumns } from './header.js';

/** The most common positive step between the times of `rows` (NaN with fewer than two times). */
function modalStep(rows: readonly string[], column: number): number {
  const times = rows.map((row) => parseCsvTime(splitRow(row)[column] ?? '')).filter((t) => !Number.isNaN(t));
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const step = times[i] - times[i - 1];
    if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let best = Number.NaN;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount || (count === bestCount && step < best)) [best, bestCount] = [step, count];
  }
  return best;
}

export class OhlcvCsvParser implements FormatParser {
  private readonly columns: OhlcvColumns;
  private readonly header: string;
  private readonly intervalMs: number;
  private readonly product: string;
  private readonly sequence: CandleSequence;

  /** `head`: the file's first lines, header first. */
  constructor(
    private readonly file: string,
    head: readonly string[],
  ) {
    this.header = head[0] ?? '';
    const columns = ohlcvColumns(splitRow(this.header));
    if (columns === null) {
      throw new DatasetFormatError(
        file,
        1,
        '(header)',
        'the first line is not a time,open,high,low,close,volume header',
      );
    }
    this.columns = columns;
    this.intervalMs = modalStep(head.slice(1), columns.time);
    if (Number.isNaN(this.intervalMs)) {
      throw new DatasetFormatError(file, 2, columns.timeName, 'too few candles to tell their interval');
    }
    this.product = productFromPath(file);
    this.sequence = new CandleSequence(file, columns.timeName);
  }

  parse(text: string, line: number): LineOutcome {
    if (line === 1 && text === this.header) return { ok: true, events: [] };
    const c = this.columns;
    try {
      const cells = splitRow(text);
      const product = c.symbol < 0 ? this.product : readText(cells[c.symbol], 'symbol');
      const candle = checkedCandle(
        {
          kind: 'candle',
          product,
          time: readCsvTime(cells[c.time], c.timeName),
          intervalMs: this.intervalMs,
          open: readPrice(cells[c.open], 'open'),
          high: readPrice(cells[c.high], 'high'),
          low: readPrice(cells[c.low], 'low'),
          close: readPrice(cells[c.close], 'close'),
          volume: readSize(cells[c.volume], 'volume'),
        },
        '(row)',
      );
      const gap = this.sequence.follow(candle, line);
      return gap === null ? { ok: true, events: [candle] } : { ok: true, events: [candle], gap };
    } catch (thrown) {
      return problemOutcome(thrown, this.file, line);
    }
  }

  end(): MarketEvent[] {
    return [];
  }
}

/**
 * A recorded market-data file (`.jsonl`, `.csv`, plain or gzip) as a replayable input, in any format the
 * harness reads: detected from the content unless forced, parsed line by line in bounded memory, with bad
 * input counted per kind and set aside. Its description says what the file holds (format, event kinds and
 * candle interval, read from its head) so the harness can adapt the workload before the run.
 */
import type { MarketEvent } from './events.js';
import { FileLines, headLines } from './file-lines.js';
import { detectFormat } from './formats/detect.js';
import { createParser, type FormatName } from './formats/registry.js';
import type { RejectLog, ReplayableInput } from './input.js';
import { ParsedLineInput } from './line-input.js';
import { type Probe, probeInput } from './probe.js';

/** Lines handed to detection and to parsers that need a header or an interval. */
const HEAD_LINES = 200;
/** Events read up front to describe a file: enough to meet every stream of a real recording's start. */
const PROBE_EVENTS = 5000;

export interface MarketFileOptions {
  /** Skip detection and read the file as this format. */
  readonly format?: FormatName;
  /** Set aside duplicates and events this far behind their stream (see StreamChecks); unset: keep all. */
  readonly outOfOrderToleranceMs?: number;
  /** Where rejects go; a merge of several files passes one log to all of them. */
  readonly rejects?: RejectLog;
}

/** What a file input's `describe()` returns. */
export interface FileDescription extends Record<string, unknown> {
  readonly format: FormatName;
  readonly file: string;
  readonly seed: null;
  readonly candleIntervalMs: number | null;
  /** What the file's first events hold (see Probe); `head.complete` when that was the whole file. */
  readonly head: Probe;
}

/** Opens `path`; throws a `DatasetFormatError` naming it when it is in no known format. */
export function openMarketFile(path: string, options: MarketFileOptions = {}): ReplayableInput<MarketEvent> {
  const head = headLines(path, HEAD_LINES);
  const format = options.format ?? detectFormat(path, head);
  const parser = () => createParser(format, path, head);
  const open = () => new FileLines(path);
  const probe = probeInput(new ParsedLineInput({ open, parser, file: path, description: {} }), PROBE_EVENTS);
  const description: FileDescription = {
    format,
    file: path,
    seed: null,
    candleIntervalMs: probe.candleIntervalMs,
    head: probe,
  };
  return new ParsedLineInput({
    open,
    parser,
    file: path,
    description,
    outOfOrderToleranceMs: options.outOfOrderToleranceMs,
    rejects: options.rejects,
  });
}

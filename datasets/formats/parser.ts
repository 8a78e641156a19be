/**
 * What every format's parser is: a stateful reader of one file's lines, turning each line into zero or
 * more `MarketEvent`s or one typed problem. State is allowed because real feeds need it (sequence numbers
 * to find gaps, a REST book snapshot that names no product, candles revised until they close), and each
 * replay gets a fresh parser. A parser never throws on input: every problem comes back as a value.
 */
import { DatasetParseError } from '../../harness/errors.js';
import type { MarketEvent } from '../events.js';
import { FieldProblem } from '../fields.js';
import type { RejectKind } from '../reject-kinds.js';

/**
 * One line's outcome: its events (none for control messages), plus a gap found before it (the line is
 * kept, the gap is counted); or the problem that sets the whole line aside.
 */
export type LineOutcome = { ok: true; events: MarketEvent[]; gap?: DatasetParseError } | Rejected;

export interface FormatParser {
  /** Parses one non-empty line; `line` is its 1-based number in the file. */
  parse(text: string, line: number): LineOutcome;
  /** Events held back until the end of the input (e.g. the last candle revision); called once. */
  end(): MarketEvent[];
}

/** A line set aside, and why. */
export type Rejected = { ok: false; error: DatasetParseError };

/** The outcome for a line whose reading threw a `FieldProblem` (anything else is a bug, and rethrown). */
export function problemOutcome(thrown: unknown, file: string, line: number): Rejected {
  if (!(thrown instanceof FieldProblem)) throw thrown;
  return { ok: false, error: new DatasetParseError(file, line, thrown.field, thrown.reason, thrown.kind) };
}

/** A set-aside line with a reason that is not a field's (bad JSON, unknown type). */
export function rejected(
  file: string,
  line: number,
  field: string,
  reason: string,
  kind: RejectKind,
): Rejected {
  return { ok: false, error: new DatasetParseError(file, line, field, reason, kind) };
}

/** `JSON.parse` of a line that must be an object; the engine's own message varies across Node versions. */
export function parseJsonObject(
  text: string,
  file: string,
  line: number,
): { ok: true; message: Record<string, unknown> } | Rejected {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { ok: false, error: new DatasetParseError(file, line, '(json)', 'not valid JSON') };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { ok: false, error: new DatasetParseError(file, line, '(json)', 'not a JSON object') };
  }
  return { ok: true, message: message as Record<string, unknown> };
}

/**
 * Typed readers for the fields of an exchange message (Coinbase, Binance, CSV cells). Each returns the value or throws a
 * `FieldProblem` naming the field, so the parser reads as a list of fields and reports the first bad
 * one. Problems are rare, so throwing costs nothing on the hot path.
 */
import { parseDecimal } from './decimal.js';
import { parseIsoMillis } from './iso-time.js';
import type { RejectKind } from './reject-kinds.js';

/** A field that is missing or malformed; turned into a `DatasetParseError` by the parser. */
export class FieldProblem {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly kind: RejectKind = 'malformed',
  ) {}
}

/**
 * `thrown` with its field put under `prefix` (`bids[3]` + `[0]` → `bids[3][0]`), for readers that name
 * fields relative to a list item and only build the item's path when something is wrong: building it for
 * every item of every book level would cost more than reading the numbers.
 */
export function under(prefix: string, thrown: unknown): unknown {
  if (!(thrown instanceof FieldProblem)) return thrown;
  const joined = thrown.field === '' || thrown.field.startsWith('[') ? '' : '.';
  return new FieldProblem(`${prefix}${joined}${thrown.field}`, thrown.reason, thrown.kind);
}

/** `JSON.stringify` for reasons, shortened so one huge bad value cannot bloat the reject log. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A decimal string (or JSON number) that is finite. */
function readDecimal(value: unknown, field: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value !== 'string') {
    const reason = value === undefined ? 'missing' : `not a decimal string: ${shown(value)}`;
    throw new FieldProblem(field, reason, value === undefined ? 'malformed' : 'bad-price');
  } else {
    const number = parseDecimal(value);
    if (Number.isNaN(number))
      throw new FieldProblem(field, `not a decimal number: ${shown(value)}`, 'bad-price');
    if (Number.isFinite(number)) return number;
  }
  throw new FieldProblem(field, `not finite: ${shown(value)}`, 'bad-price');
}

/** A price: a finite decimal > 0. */
export function readPrice(value: unknown, field: string): number {
  const price = readDecimal(value, field);
  if (price > 0) return price;
  throw new FieldProblem(field, `must be > 0: ${shown(value)}`, 'bad-price');
}

/** A size: a finite decimal ≥ 0 (0 removes a book level). */
export function readSize(value: unknown, field: string): number {
  const size = readDecimal(value, field);
  if (size >= 0) return size;
  throw new FieldProblem(field, `must be ≥ 0: ${shown(value)}`, 'bad-price');
}

/** A non-negative safe integer sent as a JSON number (Coinbase's `trade_id`, `sequence`, Binance's `E`). */
export function readInteger(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new FieldProblem(
    field,
    value === undefined ? 'missing' : `not a non-negative integer: ${shown(value)}`,
  );
}

/** A non-negative safe integer sent as a string of digits (Coinbase Advanced Trade's `trade_id`). */
export function readDigits(value: unknown, field: string): number {
  const number = typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isNaN(number)) return number;
  throw new FieldProblem(field, value === undefined ? 'missing' : `not a string of digits: ${shown(value)}`);
}

/** A JSON boolean (Binance's `m`, buyer is maker). */
export function readBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new FieldProblem(field, value === undefined ? 'missing' : `not a boolean: ${shown(value)}`);
}

/** A non-empty string (`product_id`). */
export function readText(value: unknown, field: string): string {
  if (typeof value === 'string' && value.length > 0) return value;
  throw new FieldProblem(field, value === undefined ? 'missing' : `not a non-empty string: ${shown(value)}`);
}

/** An ISO-8601 UTC time as epoch ms with the microseconds kept. */
export function readTime(value: unknown, field: string): number {
  if (typeof value !== 'string') {
    throw new FieldProblem(field, value === undefined ? 'missing' : `not a string: ${shown(value)}`);
  }
  const millis = parseIsoMillis(value);
  if (Number.isNaN(millis)) throw new FieldProblem(field, `not an ISO-8601 UTC time: ${shown(value)}`);
  return millis;
}

/** An array (`changes`, `bids`, `asks`, and each level inside them). */
export function readArray(value: unknown, field: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new FieldProblem(field, value === undefined ? 'missing' : `not an array: ${shown(value)}`);
}

/** Coinbase's order side, "buy" or "sell". */
export function readSide(value: unknown, field: string): 'buy' | 'sell' {
  if (value === 'buy' || value === 'sell') return value;
  throw new FieldProblem(field, value === undefined ? 'missing' : `not "buy" or "sell": ${shown(value)}`);
}

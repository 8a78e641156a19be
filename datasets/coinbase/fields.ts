/**
 * Typed readers for the fields of a Coinbase ws-feed message. Each returns the value or throws a
 * `FieldProblem` naming the field, so the parser reads as a list of fields and reports the first bad
 * one. Problems are rare, so throwing costs nothing on the hot path.
 */
import { parseIsoMillis } from './iso-time.js';

/** A field that is missing or malformed; turned into a `DatasetParseError` by the parser. */
export class FieldProblem {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {}
}

/** `JSON.stringify` for reasons, shortened so one huge bad value cannot bloat the reject log. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * True for the plain decimals Coinbase sends ("42000.12", "0.00001306", "1e-8"). `Number()` alone would
 * also take "", " 1", "0x1f" and "Infinity", which are not prices.
 */
function isPlainDecimal(text: string): boolean {
  const first = text.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 46 /* . */ || first === 45) /* - */) return false;
  const second = text.charCodeAt(1) | 32; // lower-cased
  if (second === 120 /* x */ || second === 98 /* b */ || second === 111 /* o */) return false;
  const last = text.charCodeAt(text.length - 1);
  return (last >= 48 && last <= 57) || last === 46;
}

/** A decimal string (or JSON number) that is finite. */
function readDecimal(value: unknown, field: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value !== 'string') {
    throw new FieldProblem(field, value === undefined ? 'missing' : `not a decimal string: ${shown(value)}`);
  } else {
    const number = isPlainDecimal(value) ? Number(value) : Number.NaN;
    if (Number.isNaN(number)) throw new FieldProblem(field, `not a decimal number: ${shown(value)}`);
    if (Number.isFinite(number)) return number;
  }
  throw new FieldProblem(field, `not finite: ${shown(value)}`);
}

/** A price: a finite decimal > 0. */
export function readPrice(value: unknown, field: string): number {
  const price = readDecimal(value, field);
  if (price > 0) return price;
  throw new FieldProblem(field, `must be > 0: ${shown(value)}`);
}

/** A size: a finite decimal ≥ 0 (0 removes a book level). */
export function readSize(value: unknown, field: string): number {
  const size = readDecimal(value, field);
  if (size >= 0) return size;
  throw new FieldProblem(field, `must be ≥ 0: ${shown(value)}`);
}

/** A non-negative safe integer sent as a JSON number (Coinbase's `trade_id`, `sequence`). */
export function readInteger(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new FieldProblem(
    field,
    value === undefined ? 'missing' : `not a non-negative integer: ${shown(value)}`,
  );
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

/**
 * Times as candle exports write them, to epoch ms (UTC): epoch numbers by magnitude (seconds, ms, or µs,
 * which Binance's public data uses from 2025 on), ISO-8601 with `Z`, an offset or none, and
 * `YYYY-MM-DD HH:MM:SS`. A time without a zone is read as UTC, as exchanges export it. NaN otherwise.
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch numbers below this are seconds (until 5138 AD), below EPOCH_MS_LIMIT ms, above it µs. */
const EPOCH_SECONDS_LIMIT = 1e11;
const EPOCH_MS_LIMIT = 1e14;

export function parseCsvTime(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) {
    const value = Number(text);
    if (value < EPOCH_SECONDS_LIMIT) return value * 1000;
    return value < EPOCH_MS_LIMIT ? value : value / 1000;
  }
  const match = DATE_TIME.exec(text);
  if (match === null) return Number.NaN;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  const millis = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(millis);
  // Date.UTC rolls 2023-02-30 over into March; a real date reads back unchanged.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return Number.NaN;
  }
  return millis + (fraction ? Number(`0.${fraction}`) * 1000 : 0) - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

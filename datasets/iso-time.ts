/**
 * ISO-8601 UTC time parsing that keeps microseconds. `Date.parse` truncates to whole milliseconds, which
 * would collapse distinct Coinbase events (stamped to the microsecond) onto one time, so the fraction is
 * read by hand. Only the shape Coinbase sends is accepted: `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const POWERS_OF_TEN = Array.from({ length: 10 }, (_, i) => 10 ** i);

/** Reads `count` ASCII digits at `from` as an integer, or -1 if any is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The last date-and-hour validated (`YYYY-MM-DDTHH`) and its epoch ms: feeds stamp runs of one hour. */
let cachedHourText = '';
let cachedHourMs = Number.NaN;

/** True when `text` starts with the cached `YYYY-MM-DDTHH` (compared in place: no substring). */
function inCachedHour(text: string): boolean {
  if (cachedHourText.length === 0) return false;
  for (let i = 0; i < 13; i++) if (text.charCodeAt(i) !== cachedHourText.charCodeAt(i)) return false;
  return true;
}

/** Epoch ms of the date and hour of `text`, validated, or NaN. */
function hourMillis(text: string): number {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return Number.NaN;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > monthDays) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour);
}

/**
 * Epoch milliseconds with the sub-millisecond fraction kept (e.g. `2021-04-17T16:43:37.075687Z` →
 * 1618677817075.687), or NaN when `text` is not a valid UTC timestamp (including impossible dates).
 * It runs for every message, so the date and hour, validated once, are reused while they repeat.
 */
export function parseIsoMillis(text: string): number {
  if (text.length < 20 || text.charCodeAt(text.length - 1) !== 90 /* Z */) return Number.NaN;
  if (
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 /* T */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58
  ) {
    return Number.NaN;
  }
  let hourMs = cachedHourMs;
  if (!inCachedHour(text)) {
    hourMs = hourMillis(text);
    if (Number.isNaN(hourMs)) return Number.NaN;
    cachedHourText = text;
    cachedHourMs = hourMs;
  }
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const wholeSeconds = hourMs + minute * 60_000 + second * 1000;
  const fractionDigits = text.length - 21;
  if (fractionDigits === -1) return wholeSeconds;
  if (text.charCodeAt(19) !== 46 /* . */ || fractionDigits < 1 || fractionDigits > 9) return Number.NaN;
  const fraction = digits(text, 20, fractionDigits);
  if (fraction < 0) return Number.NaN;
  return wholeSeconds + (fraction * 1000) / POWERS_OF_TEN[fractionDigits];
}

/**
 * ISO-8601 UTC time parsing that keeps microseconds. `Date.parse` truncates to whole milliseconds, which
 * would collapse distinct Coinbase events (stamped to the microsecond) onto one time, so the fraction is
 * read by hand. Only the shape Coinbase sends is accepted: `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

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

/**
 * Epoch milliseconds with the sub-millisecond fraction kept (e.g. `2021-04-17T16:43:37.075687Z` →
 * 1618677817075.687), or NaN when `text` is not a valid UTC timestamp (including impossible dates).
 */
export function parseIsoMillis(text: string): number {
  if (text.length < 20 || text.charCodeAt(text.length - 1) !== 90 /* Z */) return Number.NaN;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') {
    return Number.NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return Number.NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > monthDays) return Number.NaN;
  const wholeSeconds = Date.UTC(year, month - 1, day, hour, minute, second);
  const fractionDigits = text.length - 21;
  if (fractionDigits === -1) return wholeSeconds;
  if (text[19] !== '.' || fractionDigits < 1 || fractionDigits > 9) return Number.NaN;
  const fraction = digits(text, 20, fractionDigits);
  if (fraction < 0) return Number.NaN;
  return wholeSeconds + (fraction * 1000) / 10 ** fractionDigits;
}

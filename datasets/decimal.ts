/**
 * Decimal strings ("61837.63000000", "0.00001306", "1e-8") to numbers, strictly: `Number()` alone would
 * also take "", " 1", "0x1f" and "Infinity", which are not prices. Prices and sizes are most of what a
 * parser reads after `JSON.parse`, so the common shape, `[-]digits[.digits]` with at most 15 digits, is
 * read in one pass as an integer divided by a power of ten: both are exact doubles, so the one division
 * is correctly rounded and gives exactly what `Number()` gives (Clinger's fast path). Anything else
 * (exponents, longer mantissas) goes through the checked `Number()` path.
 */

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);
const MAX_FAST_DIGITS = 15;

/** True for the plain decimals `Number()` may be trusted with (see above). */
function isPlainDecimal(text: string): boolean {
  const first = text.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 46 /* . */ || first === 45) /* - */) return false;
  const second = text.charCodeAt(1) | 32; // lower-cased
  if (second === 120 /* x */ || second === 98 /* b */ || second === 111 /* o */) return false;
  const last = text.charCodeAt(text.length - 1);
  return (last >= 48 && last <= 57) || last === 46;
}

/** The number a decimal string holds, or NaN when it is not a plain decimal. */
export function parseDecimal(text: string): number {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const negative = i === 1;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1; // digits after the point, -1 before it
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (code === 46 /* . */ && fraction < 0) {
      fraction = 0;
    } else {
      break;
    }
  }
  if (i === length && digits > 0 && digits <= MAX_FAST_DIGITS) {
    const value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
    return negative ? -value : value;
  }
  return isPlainDecimal(text) ? Number(text) : Number.NaN;
}

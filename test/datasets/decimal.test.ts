/** The fast decimal reader gives exactly what the checked `Number()` path gives, on any string. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../datasets/decimal.js';

/** The reference: `Number()` on strings shaped like plain decimals, NaN for the rest. */
function reference(text: string): number {
  if (!/^[-.\d]/.test(text) || /^.[xbo]/i.test(text) || !/[\d.]$/.test(text)) return Number.NaN;
  return Number(text);
}

describe('datasets: parseDecimal', () => {
  it('equals the checked Number() on decimals of every length, and on anything else', () => {
    const decimals = fc.stringMatching(/^-?\d{0,19}(\.\d{0,19})?$/);
    const exchangeLike = fc.nat().map((n) => (n / 1e8).toFixed(8));
    fc.assert(
      fc.property(fc.oneof(decimals, exchangeLike, fc.double().map(String), fc.string()), (text) => {
        expect(Object.is(parseDecimal(text), reference(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['61837.63000000', 61837.63],
    ['0.00001306', 0.00001306],
    ['-0.5', -0.5],
    ['1e-8', 1e-8],
    ['1234567890.123456789', Number('1234567890.123456789')],
    ['', Number.NaN],
    [' 1', Number.NaN],
    ['0x1f', Number.NaN],
    ['1.2.3', Number.NaN],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COINBASE_FEED_VERSIONS, coinbaseParser, parseCoinbaseLine } from '../../datasets/coinbase/index.js';
import { parseIsoMillis } from '../../datasets/iso-time.js';

const FIXTURES = new URL('../../datasets/coinbase/fixtures/', import.meta.url);

/** What a parse outcome looks like in a golden file: JSON, so a snapshot's NaN time reads as null. */
function asGolden(text: string, line: number, version: number): unknown {
  const outcome = coinbaseParser(version)(text, `v${version}_input.jsonl`, line);
  if (outcome.ok) return JSON.parse(JSON.stringify({ line, ok: true, events: outcome.events }));
  const { file, field, reason } = outcome.error;
  return { line, ok: false, error: { file, line: outcome.error.line, field, reason } };
}

describe('datasets/coinbase: parser golden fixtures', () => {
  it.each(COINBASE_FEED_VERSIONS)('v%i parses its input fixture into its expected fixture', (version) => {
    const input = readFileSync(new URL(`v${version}_input.jsonl`, FIXTURES), 'utf8').split('\n');
    const expected = JSON.parse(readFileSync(new URL(`v${version}_expected.json`, FIXTURES), 'utf8'));
    const actual = input.filter((text) => text.length > 0).map((text, i) => asGolden(text, i + 1, version));
    expect(actual).toEqual(expected);
    expect(actual.some((entry) => (entry as { ok: boolean }).ok === false)).toBe(true);
  });

  it('throws for an unknown feed version, listing the known ones', () => {
    expect(() => coinbaseParser(99)).toThrow(/no Coinbase feed parser v99 \(known: 1\)/);
  });
});

describe('datasets/coinbase: parser details', () => {
  it('keeps microseconds that Date.parse would drop', () => {
    expect(parseIsoMillis('2021-04-17T16:43:37.075687Z')).toBe(1618677817075.687);
    expect(parseIsoMillis('2021-04-17T16:43:37Z')).toBe(Date.parse('2021-04-17T16:43:37Z'));
    expect(parseIsoMillis('2024-02-29T00:00:00.5Z')).toBe(Date.UTC(2024, 1, 29) + 500);
  });

  it.each([
    '2021-04-17T16:43:37.075687',
    '2021-04-17 16:43:37Z',
    '2021-02-29T00:00:00Z',
    '2021-13-01T00:00:00Z',
    '2021-04-17T24:00:00Z',
    '2021-04-17T16:43:37.Z',
    '2021-04-17T16:43:37.07a687Z',
    '2021-04-17T16:43:37+00:00',
  ])('rejects the time %j', (time) => {
    expect(parseIsoMillis(time)).toBeNaN();
  });

  it("maps a match's maker side to the taker side", () => {
    const line = (side: string) =>
      `{"type":"match","trade_id":1,"side":"${side}","size":"1","price":"2","product_id":"X-Y","time":"2024-01-01T00:00:00Z"}`;
    const sideOf = (side: string) => {
      const outcome = parseCoinbaseLine(line(side), 'f', 1);
      return outcome.ok && outcome.events[0].kind === 'trade' ? outcome.events[0].side : undefined;
    };
    expect(sideOf('sell')).toBe('buy');
    expect(sideOf('buy')).toBe('sell');
  });

  it.each([
    ['"price":""', 'price'],
    ['"price":" 1"', 'price'],
    ['"price":"0x10"', 'price'],
    ['"price":"Infinity"', 'price'],
    ['"price":"0"', 'price'],
    ['"price":2', null],
    ['"price":null', 'price'],
  ])('checks numbers strictly: %s', (price, field) => {
    const text = `{"type":"match","trade_id":1,"side":"buy","size":"1",${price},"product_id":"X-Y","time":"2024-01-01T00:00:00Z"}`;
    const outcome = parseCoinbaseLine(text, 'f', 7);
    expect(outcome.ok ? null : outcome.error.field).toBe(field);
  });
});

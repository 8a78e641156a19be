/**
 * `bench --data` on every shared recording (klines included) end to end on the registered engines
 * (FLINKCOIN_TEST_ENGINES narrows them); skipped, saying why, where ../shared/datasets is absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchOn, expectAgreeingRuns } from '../helpers/cli.js';

const SHARED = new URL('../../../shared/datasets/', import.meta.url).pathname;

const SHARED_FILES = [
  ['coinbase-exchange/feed-2021-04-17.jsonl', 'coinbase-exchange', 1000],
  ['binance-spot/btcusdt-2024-08-08.jsonl.gz', 'binance', 1000],
  ['binance-klines/BTC_USDT-1m.csv', 'ohlcv-csv', 60_000],
] as const;

describe.skipIf(!existsSync(SHARED))(`bench --data on the shared recordings (${SHARED})`, () => {
  it('runs each recording end to end on every engine, windows following candles, features named', async () => {
    const all = await Promise.all(SHARED_FILES.map(([file]) => benchOn([join(SHARED, file)], 2000)));
    all.forEach((results, i) => {
      const [, format, windowMs] = SHARED_FILES[i];
      expectAgreeingRuns(results);
      expect(results.dataset).toMatchObject({ format, maxEvents: 2000 });
      expect(results.config).toMatchObject({ workloadConfig: { windowMs } });
      const features = results.dataset.features as { used: string[] };
      expect(features.used.includes('imbalance')).toBe(format !== 'ohlcv-csv');
    });
  });
});

import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';

/** A small deterministic market (LCG random walk) for engine and workload tests that need no generator. */
export function tinyMarket(
  n: number,
  seed = 1,
  products = ['AAA-USD', 'BBB-USD', 'CCC-USD'],
): Timestamped<MarketEvent>[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const t0 = Date.UTC(2024, 0, 1);
  const mids = products.map((_, i) => 100 * (i + 1));
  const out: Timestamped<MarketEvent>[] = products.map((product, i) => ({
    ts: t0,
    value: { kind: 'snapshot', product, time: t0, bids: [[mids[i] - 0.5, 1]], asks: [[mids[i] + 0.5, 1]] },
  }));
  let tradeId = 0;
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rand() * products.length);
    const product = products[i];
    const time = t0 + k * 5;
    mids[i] *= Math.exp((rand() - 0.5) * 0.002);
    const value: MarketEvent =
      rand() < 0.3
        ? {
            kind: 'trade',
            product,
            time,
            tradeId: ++tradeId,
            price: mids[i],
            size: rand() * 2,
            side: rand() < 0.5 ? 'buy' : 'sell',
          }
        : {
            kind: 'snapshot',
            product,
            time,
            bids: [[mids[i] - 0.5, 1 + rand()]],
            asks: [[mids[i] + 0.5, 1 + rand()]],
          };
    out.push({ ts: time, value });
  }
  return out;
}

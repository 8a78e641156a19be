/**
 * The synthetic market's fair prices. Every non-fiat asset has a USD log-price driven by a discretised
 * Heston stochastic variance (full truncation, leverage ρ < 0), Poisson jumps, and a shared market factor
 * (so BTC and ETH co-move); a two-state regime (calm / burst) raises message intensity, variance and jump
 * rate together, as news does. A product BASE-QUOTE is priced as USD(BASE) / USD(QUOTE), so crosses such as
 * ETH-BTC stay consistent with ETH-USD / BTC-USD, plus a small mean-reverting basis when QUOTE is not USD.
 * All rates are per second of event time.
 */
import type { SeededRandom } from './random.js';

/** USD value of fiat and stable assets, held constant. */
const FIAT_USD: Readonly<Record<string, number>> = { USD: 1, USDC: 1, USDT: 1, EUR: 1.08, GBP: 1.27 };
/** Starting USD prices of well-known assets; any other asset starts at `OTHER_ASSET_USD`. */
const START_USD: Readonly<Record<string, number>> = { BTC: 42_000, ETH: 2_300, SOL: 100, LTC: 70 };
const OTHER_ASSET_USD = 100;

const VARIANCE_MEAN = 1.5e-4 ** 2; // θ: ≈ 84 % annualised volatility
const VARIANCE_REVERSION = 1 / 120; // κ: variance shocks fade over ~2 minutes
const VOL_OF_VARIANCE = 1.5e-5; // ξ, inside the Feller bound 2κθ ≥ ξ², so variance rarely hits 0
const LEVERAGE = -0.5; // ρ between price and variance shocks
const MARKET_LOADING = 0.8; // each asset's loading on the shared market factor
const JUMP_RATE = 1 / 300; // jumps per asset per second in calm regime
const JUMP_SD = 0.0025; // log-size of a jump
const BASIS_SD = 3e-4; // stationary spread of a cross's basis around the implied rate
const BASIS_REVERSION_S = 10;
const CALM_MEAN_S = 20;
const BURST_MEAN_S = 3;
/** In a burst, intensity, variance and jump rate are this many times the calm ones. */
const BURST_FACTOR = 4;
const MEAN_INTENSITY = (CALM_MEAN_S + BURST_MEAN_S * BURST_FACTOR) / (CALM_MEAN_S + BURST_MEAN_S);

/** True for assets priced as constant fiat. */
export function isFiat(asset: string): boolean {
  return asset in FIAT_USD;
}

/** Fair prices for a fixed list of BASE-QUOTE products, evolved step by step in event time. */
export class MarketModel {
  private readonly assets: string[] = [];
  private readonly floating: boolean[] = [];
  private readonly logUsd: number[] = [];
  private readonly variance: number[] = [];
  private readonly baseIndex: number[];
  private readonly quoteIndex: number[];
  private readonly basis: number[];
  private readonly hasBasis: boolean[];
  private burst = false;
  private regimeLeftS: number;

  constructor(
    products: readonly string[],
    private readonly random: SeededRandom,
  ) {
    const indexOf = (asset: string): number => {
      const known = this.assets.indexOf(asset);
      if (known >= 0) return known;
      this.assets.push(asset);
      this.floating.push(!isFiat(asset));
      this.logUsd.push(Math.log(FIAT_USD[asset] ?? START_USD[asset] ?? OTHER_ASSET_USD));
      this.variance.push(VARIANCE_MEAN);
      return this.assets.length - 1;
    };
    this.baseIndex = products.map((product) => indexOf(product.split('-')[0]));
    this.quoteIndex = products.map((product) => indexOf(product.split('-')[1]));
    this.hasBasis = products.map((product) => !product.endsWith('-USD'));
    this.basis = products.map(() => 0);
    this.regimeLeftS = random.exponential(CALM_MEAN_S);
  }

  /** Message intensity relative to the long-run mean (so the feed averages `messagesPerSecond`). */
  intensity(): number {
    return (this.burst ? BURST_FACTOR : 1) / MEAN_INTENSITY;
  }

  /** The fair price of product `index` in its quote currency. */
  fairPrice(index: number): number {
    const logPrice = this.logUsd[this.baseIndex[index]] - this.logUsd[this.quoteIndex[index]];
    return Math.exp(logPrice + this.basis[index]);
  }

  /** The USD value of one unit of product `index`'s base asset (sizes are scaled by it). */
  baseUsd(index: number): number {
    return Math.exp(this.logUsd[this.baseIndex[index]]);
  }

  /** Moves every process forward by `dtS` seconds of event time. */
  advance(dtS: number): void {
    this.regimeLeftS -= dtS;
    if (this.regimeLeftS <= 0) {
      this.burst = !this.burst;
      this.regimeLeftS = this.random.exponential(this.burst ? BURST_MEAN_S : CALM_MEAN_S);
    }
    const stress = this.burst ? BURST_FACTOR : 1;
    const marketShock = this.random.normal();
    for (let i = 0; i < this.assets.length; i++) {
      if (!this.floating[i]) continue;
      const variance = Math.max(this.variance[i], 0);
      const shock = MARKET_LOADING * marketShock + Math.sqrt(1 - MARKET_LOADING ** 2) * this.random.normal();
      const stressed = variance * stress;
      this.logUsd[i] += -0.5 * stressed * dtS + Math.sqrt(stressed * dtS) * shock;
      if (this.random.chance(JUMP_RATE * stress * dtS)) this.logUsd[i] += JUMP_SD * this.random.normal();
      const varianceShock = LEVERAGE * shock + Math.sqrt(1 - LEVERAGE ** 2) * this.random.normal();
      this.variance[i] +=
        VARIANCE_REVERSION * (VARIANCE_MEAN - variance) * dtS +
        VOL_OF_VARIANCE * Math.sqrt(variance * dtS) * varianceShock;
    }
    for (let p = 0; p < this.basis.length; p++) {
      if (!this.hasBasis[p]) continue;
      const pull = dtS / BASIS_REVERSION_S;
      this.basis[p] += -this.basis[p] * pull + BASIS_SD * Math.sqrt(2 * pull) * this.random.normal();
    }
  }
}

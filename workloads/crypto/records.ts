/**
 * The records that flow through the crypto predictor, stage by stage:
 *
 *   MarketEvent ─book─▶ Tick ─bars (window)─▶ Bar ─features─▶ FeatureVector ─model─▶ Prediction
 *                                                                  │                      │
 *                                                                  └──── score (join) ◀───┘─▶ Scored
 *
 * Times are event-time milliseconds; returns are natural-log returns of the mid price.
 */

/** The top of one product's book after an event, plus the trade if the event was one. */
export interface Tick {
  readonly product: string;
  readonly time: number;
  readonly mid: number;
  /** (best bid size − best ask size) / (sum), in [−1, 1]; 0 without a book. */
  readonly imbalance: number;
  readonly tradePrice: number;
  /** 0 when the event was not a trade. */
  readonly tradeSize: number;
}

/** One product's activity in one window [start, end). */
export interface Bar {
  readonly product: string;
  readonly start: number;
  readonly end: number;
  readonly open: number;
  readonly close: number;
  readonly ticks: number;
  readonly trades: number;
  readonly volume: number;
  /** Volume-weighted trade price; the close when there were no trades. */
  readonly vwap: number;
  /** √Σ r² over successive mids inside the window. */
  readonly realizedVol: number;
  /** Mean order-book imbalance over the window's ticks. */
  readonly imbalance: number;
}

/** Model inputs for one product and window, and the window's realised return (the label). */
export interface FeatureVector {
  readonly product: string;
  readonly start: number;
  readonly end: number;
  readonly mid: number;
  /** ln(close / previous window's close); ln(close / open) for a product's first window. */
  readonly logReturn: number;
  /** The model's inputs, in FEATURE_NAMES order. */
  readonly x: readonly number[];
}

export const FEATURE_NAMES = [
  'logReturn',
  'realizedVol',
  'imbalance',
  'log1pTrades',
  'log1pVolume',
  'vwapGap',
] as const;

/** A forecast, made at the end of window `madeAt`, of the log return of window `target`. */
export interface Prediction {
  readonly product: string;
  readonly madeAt: number;
  /** Start of the window whose return is forecast (the next one). */
  readonly target: number;
  readonly predicted: number;
  /** The random-walk baseline: the next return equals the last one. */
  readonly persistence: number;
  /**
   * Staleness: windows the model that made this prediction had learned since its parameters last
   * changed (0 for models that update every window; up to `trainEvery` for the LSTM).
   */
  readonly modelAgeWindows: number;
}

/** A prediction joined with what the market then did. */
export interface Scored {
  readonly product: string;
  readonly target: number;
  readonly predicted: number;
  readonly persistence: number;
  readonly actual: number;
}

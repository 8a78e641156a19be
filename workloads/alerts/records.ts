/** The records of the price-alert workload: trade prices in, warnings, warning counts and sessions out. */

/** One trade's price, the input of every window. */
export interface PriceTick {
  readonly product: string;
  readonly time: number;
  readonly price: number;
}

/** A price moved at least the threshold from its reference: one delta window's result. */
export interface PriceWarning {
  readonly product: string;
  /** The product's n-th warning (the delta window's sequence number). */
  readonly seq: number;
  readonly referencePrice: number;
  readonly referenceTime: number;
  readonly price: number;
  readonly time: number;
  /** (price / reference − 1) × 100. */
  readonly movePct: number;
  /** Trades from the reference to this one, both included. */
  readonly trades: number;
}

/** Warnings per product in one tumbling window. */
export interface WarningCount {
  readonly product: string;
  readonly start: number;
  readonly end: number;
  readonly warnings: number;
  /** The largest move among them, in percent (absolute). */
  readonly maxMovePct: number;
}

/** A burst of trading: trades no further apart than the session gap. */
export interface ActivitySession {
  readonly product: string;
  /** First trade's time. */
  readonly start: number;
  /** Last trade's time + the gap (the session window's end). */
  readonly end: number;
  /** Last trade − first trade. */
  readonly lengthMs: number;
  readonly trades: number;
}

/**
 * What `flinkcoin record` needs to know per exchange: the public market-data endpoint, the subscribe
 * messages (sent again on every reconnect), and how to tell that messages were lost between two received
 * ones. No authentication: both endpoints serve these channels publicly.
 *   coinbase  Advanced Trade (wss://advanced-trade-ws.coinbase.com): level2, market_trades and ticker per
 *             product, plus heartbeats, without which idle channels close; `sequence_num` counts every
 *             message on a connection, so a jump is a gap.
 *   binance   Spot combined streams (wss://stream.binance.com:9443/stream): trade, bookTicker and
 *             depth@100ms per symbol; a depth update must start where the previous one ended (U = u + 1).
 */

/** A gap seen in the live feed, for the recorder's report. */
export interface GapNote {
  readonly reason: string;
}

/** Tracks one connection's sequence; a fresh one per connection (sequences restart on reconnect). */
export interface GapTracker {
  /** A gap before this message, or null. */
  see(message: Record<string, unknown>): GapNote | null;
}

export interface Exchange {
  readonly defaultUrl: string;
  subscribeMessages(products: readonly string[]): unknown[];
  gapTracker(): GapTracker;
}

const coinbase: Exchange = {
  defaultUrl: 'wss://advanced-trade-ws.coinbase.com',
  subscribeMessages: (products) => [
    ...['level2', 'market_trades', 'ticker'].map((channel) => ({
      type: 'subscribe',
      product_ids: products,
      channel,
    })),
    { type: 'subscribe', channel: 'heartbeats' },
  ],
  gapTracker() {
    let last = -1;
    return {
      see(message) {
        const sequence = message.sequence_num;
        if (typeof sequence !== 'number') return null;
        const gap =
          last >= 0 && sequence > last + 1 ? { reason: `sequence_num ${last} → ${sequence}` } : null;
        last = Math.max(last, sequence);
        return gap;
      },
    };
  },
};

/** `BTC-USD` → `btcusd`, `BTCUSDT` → `btcusdt`: Binance stream names are lower-case symbols. */
function binanceSymbol(product: string): string {
  return product.replace(/[-_/]/g, '').toLowerCase();
}

const binance: Exchange = {
  defaultUrl: 'wss://stream.binance.com:9443/stream',
  subscribeMessages: (products) => [
    {
      method: 'SUBSCRIBE',
      params: products.flatMap((p) =>
        ['trade', 'bookTicker', 'depth@100ms'].map((stream) => `${binanceSymbol(p)}@${stream}`),
      ),
      id: 1,
    },
  ],
  gapTracker() {
    const lastU = new Map<string, number>();
    return {
      see(message) {
        const data = message.data as Record<string, unknown> | undefined;
        if (data?.e !== 'depthUpdate' || typeof data.U !== 'number' || typeof data.u !== 'number')
          return null;
        const symbol = String(data.s);
        const previous = lastU.get(symbol);
        lastU.set(symbol, data.u);
        if (previous === undefined || data.U === previous + 1) return null;
        return { reason: `${symbol} depth ${previous} → ${data.U}..${data.u}` };
      },
    };
  },
};

export const EXCHANGES = { coinbase, binance } as const;
export type ExchangeName = keyof typeof EXCHANGES;
export const EXCHANGE_NAMES = Object.keys(EXCHANGES) as ExchangeName[];

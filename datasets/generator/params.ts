/**
 * The synthetic feed's parameters: one plain interface with its defaults, validated up front so a bad
 * setting fails with its name instead of producing a subtly wrong market.
 */
import { ConfigError } from '../../harness/errors.js';

/** Everything that shapes the synthetic feed; the same values always give the same bytes. */
export interface GeneratorParams {
  /** Seeds the one PRNG behind every draw (a 32-bit integer). */
  readonly seed: number;
  /** Products as BASE-QUOTE; each non-fiat asset gets its own USD price process. */
  readonly products: readonly string[];
  /** Total lines produced, snapshots and duplicates included. */
  readonly messages: number;
  /** Long-run event-time intensity of the whole feed, lines per second (bursts go above it). */
  readonly messagesPerSecond: number;
  /** Event time of the start of the feed, epoch ms. */
  readonly startTime: number;
  /** Fraction of `match` and `ticker` messages held back so they arrive after later-stamped ones. */
  readonly outOfOrderFraction: number;
  /** The most event time a late message can lag the newest time already emitted. */
  readonly maxDelayMs: number;
  /** Fraction of `match` and `ticker` messages sent twice (the copy shortly after, within `maxDelayMs`). */
  readonly duplicateFraction: number;
  /** Price levels kept on each side of each book. */
  readonly bookDepth: number;
}

/** The defaults: three products whose prices form a triangle (ETH-BTC ≈ ETH-USD / BTC-USD). */
export const DEFAULT_GENERATOR_PARAMS: GeneratorParams = Object.freeze({
  seed: 42,
  products: Object.freeze(['BTC-USD', 'ETH-USD', 'ETH-BTC']),
  messages: 200_000,
  messagesPerSecond: 1000,
  startTime: Date.UTC(2024, 0, 1),
  outOfOrderFraction: 0.01,
  maxDelayMs: 200,
  duplicateFraction: 0.002,
  bookDepth: 10,
});

const PRODUCT_PATTERN = /^[A-Z0-9]+-[A-Z0-9]+$/;

function check(ok: boolean, setting: keyof GeneratorParams, requirement: string, value: unknown): void {
  if (!ok) {
    throw new ConfigError(
      `generator ${setting} must be ${requirement}, got ${JSON.stringify(value)}`,
      setting,
    );
  }
}

function isFraction(value: number): boolean {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

/**
 * Fills in defaults (an `undefined` value counts as unset) and validates every setting, throwing a
 * `ConfigError` that names the first bad one, or any unknown key (a typo would otherwise be ignored).
 */
export function resolveGeneratorParams(overrides: Partial<GeneratorParams> = {}): GeneratorParams {
  for (const key of Object.keys(overrides)) {
    check(key in DEFAULT_GENERATOR_PARAMS, key as keyof GeneratorParams, 'a known setting', key);
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const params: GeneratorParams = { ...DEFAULT_GENERATOR_PARAMS, ...defined };
  const { seed, products, messages, messagesPerSecond, startTime, maxDelayMs, bookDepth } = params;
  check(Number.isInteger(seed) && seed >= -(2 ** 31) && seed < 2 ** 32, 'seed', 'a 32-bit integer', seed);
  check(
    Array.isArray(products) && products.length > 0 && new Set(products).size === products.length,
    'products',
    'a non-empty list of distinct products',
    products,
  );
  for (const product of products) {
    check(PRODUCT_PATTERN.test(product), 'products', 'BASE-QUOTE names like "BTC-USD"', product);
    const [base, quote] = product.split('-');
    check(base !== quote, 'products', 'pairs of two different assets', product);
  }
  check(Number.isSafeInteger(messages) && messages >= 0, 'messages', 'a non-negative integer', messages);
  check(
    Number.isFinite(messagesPerSecond) && messagesPerSecond > 0,
    'messagesPerSecond',
    '> 0',
    messagesPerSecond,
  );
  check(Number.isFinite(startTime), 'startTime', 'a finite epoch-ms time', startTime);
  check(isFraction(params.outOfOrderFraction), 'outOfOrderFraction', 'in [0, 1]', params.outOfOrderFraction);
  check(Number.isFinite(maxDelayMs) && maxDelayMs >= 0, 'maxDelayMs', 'finite and ≥ 0', maxDelayMs);
  check(isFraction(params.duplicateFraction), 'duplicateFraction', 'in [0, 1]', params.duplicateFraction);
  check(
    Number.isInteger(bookDepth) && bookDepth >= 1 && bookDepth <= 1000,
    'bookDepth',
    'in 1..1000',
    bookDepth,
  );
  return params;
}

/**
 * Number formatting shared by the HTML, Markdown and terminal tables, so one figure reads the same in all
 * three. Missing figures (null) print as an em dash.
 */

/** What a missing figure prints as (an engine without event-time latency, a model with no scored output). */
export const MISSING = '—';

/** Whole events per second with thousands separators: 20,001. */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Milliseconds with about three significant digits: 0.73, 62.2, 301. */
export function formatMs(value: number): string {
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** Three significant digits for small error figures such as a log-return RMSE: 0.000315. */
export function formatSignificant(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A fraction as a percentage with one decimal: 0.3741 → 37.4%. */
export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A signed fraction for skill scores, so beating the baseline (+) and losing to it (−) stand out. */
export function formatSigned(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(3)}`;
}

/** Whole counts with thousands separators. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

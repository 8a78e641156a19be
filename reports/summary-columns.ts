/**
 * The summary table's figure columns: what each shows, where in a run it comes from, how it is
 * formatted and which way it improves. Add a column here and every rendering of the table gains it.
 */
import type { CompletedRun } from '../harness/results/schema.js';
import {
  formatCount,
  formatMs,
  formatPercent,
  formatRate,
  formatSigned,
  formatSignificant,
} from './format.js';

/** Which way a column improves; decides which value is marked best. */
export type Better = 'lower' | 'higher';

/** One figure column. `group` spans columns in HTML; `flatHeader` stands alone in Markdown and text. */
export interface SummaryColumn {
  readonly key: string;
  readonly group: string | null;
  readonly header: string;
  readonly flatHeader: string;
  readonly better: Better;
  readonly value: (run: CompletedRun) => number | null;
  readonly format: (value: number) => string;
}

const PROCESSING = 'Processing-time latency (ms)';
const EVENT_TIME = 'Event-time latency (ms)';
const ACCURACY = 'Prediction accuracy';

/** The figure columns, in display order. */
export const SUMMARY_COLUMNS: readonly SummaryColumn[] = [
  column(
    'throughput',
    null,
    'Throughput (events/s)',
    'throughput ev/s',
    'higher',
    formatRate,
    (r) => r.timing.throughputEventsPerSec,
  ),
  column('p50', PROCESSING, 'p50', 'p50 ms', 'lower', formatMs, (r) => r.timing.latency.processingTime.p50),
  column('p95', PROCESSING, 'p95', 'p95 ms', 'lower', formatMs, (r) => r.timing.latency.processingTime.p95),
  column('p99', PROCESSING, 'p99', 'p99 ms', 'lower', formatMs, (r) => r.timing.latency.processingTime.p99),
  column(
    'p999',
    PROCESSING,
    'p99.9',
    'p99.9 ms',
    'lower',
    formatMs,
    (r) => r.timing.latency.processingTime.p999,
  ),
  column('max', PROCESSING, 'max', 'max ms', 'lower', formatMs, (r) => r.timing.latency.processingTime.max),
  column(
    'eventP50',
    EVENT_TIME,
    'p50',
    'event-time p50 ms',
    'lower',
    formatMs,
    (r) => r.timing.latency.eventTime?.p50 ?? null,
  ),
  column(
    'eventP99',
    EVENT_TIME,
    'p99',
    'event-time p99 ms',
    'lower',
    formatMs,
    (r) => r.timing.latency.eventTime?.p99 ?? null,
  ),
  column(
    'rmse',
    ACCURACY,
    'RMSE',
    'RMSE',
    'lower',
    formatSignificant,
    (r) => r.deterministic.accuracy.model.rmse,
  ),
  column(
    'mae',
    ACCURACY,
    'MAE',
    'MAE',
    'lower',
    formatSignificant,
    (r) => r.deterministic.accuracy.model.mae,
  ),
  column(
    'direction',
    ACCURACY,
    'Directional accuracy',
    'direction',
    'higher',
    formatPercent,
    (r) => r.deterministic.accuracy.model.directionalAccuracy,
  ),
  column(
    'skill',
    ACCURACY,
    'Skill vs persistence',
    'skill vs persistence',
    'higher',
    formatSigned,
    (r) => r.deterministic.accuracy.skillVsPersistence,
  ),
  column(
    'directionLow',
    ACCURACY,
    'Direction, 95% lower bound',
    'direction ≥ (95%)',
    'higher',
    formatPercent,
    (r) => r.deterministic.accuracy.model.directionalInterval95?.[0] ?? null,
  ),
  column(
    'actionable',
    ACCURACY,
    'Actionable (before its window ended)',
    'actionable',
    'higher',
    formatPercent,
    (r) => r.timing.timeliness?.actionableShare ?? null,
  ),
  column(
    'scored',
    ACCURACY,
    'Scored',
    'scored',
    'higher',
    formatCount,
    (r) => r.deterministic.accuracy.model.count,
  ),
  column(
    'duplicates',
    ACCURACY,
    'Delivered twice',
    'duplicates',
    'lower',
    formatCount,
    (r) => r.deterministic.accuracy.duplicates ?? null,
  ),
];

function column(
  key: string,
  group: string | null,
  header: string,
  flatHeader: string,
  better: Better,
  format: (value: number) => string,
  value: (run: CompletedRun) => number | null,
): SummaryColumn {
  return { key, group, header, flatHeader, better, format, value };
}

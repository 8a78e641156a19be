/**
 * The summary's figure columns, split into tables a reader can take in at once (throughput and latency;
 * accuracy; recovery): what each column shows, where in a run it comes from, how it is formatted and
 * which way it improves. Add a column here and every rendering of the tables gains it.
 */
import type { CompletedRun, LatencySummary } from '../harness/results/schema.js';
import {
  formatCount,
  formatMs,
  formatPercent,
  formatRate,
  formatSigned,
  formatSignificant,
} from './format.js';
import { maxPhaseMs, type RecoveryPhase } from './recovery.js';

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

/** A table of the summary: its columns, and a title for the heading above it. */
export interface SummaryTableSpec {
  readonly id: 'performance' | 'accuracy' | 'recovery';
  readonly title: string;
  readonly columns: readonly SummaryColumn[];
}

const PERCENTILES = [
  ['p50', 'p50'],
  ['p95', 'p95'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
  ['max', 'max'],
] as const;

/** p50 … max of one latency kind; `prefix` keeps the keys of the two kinds apart. */
function latencyColumns(
  prefix: '' | 'event',
  group: string,
  flatPrefix: string,
  summary: (run: CompletedRun) => LatencySummary | null,
): SummaryColumn[] {
  return PERCENTILES.map(([field, label]) => ({
    key: prefix === '' ? field : `${prefix}${field[0].toUpperCase()}${field.slice(1)}`,
    group,
    header: label,
    flatHeader: `${flatPrefix}${label} ms`,
    better: 'lower',
    format: formatMs,
    value: (run) => summary(run)?.[field] ?? null,
  }));
}

function recoveryColumn(phase: RecoveryPhase, header: string): SummaryColumn {
  return column(phase, null, `${header} (ms, worst fault)`, `${header} ms`, 'lower', formatMs, (r) =>
    maxPhaseMs(r, phase),
  );
}

const ACCURACY = 'Prediction accuracy';
/** Outputs of a fault run against the failure-free run of the same seed, summed over the sinks. */
const ORACLE = 'Outputs vs the failure-free run';

function oracleSum(run: CompletedRun, kind: 'missing' | 'duplicate' | 'wrong'): number | null {
  const oracle = run.recovery?.oracle;
  return oracle === undefined ? null : Object.values(oracle).reduce((n, c) => n + c[kind], 0);
}
const DELIVERY = 'Delivery';

/** The tables, in display order. Columns with no value in any row are left out when rendering. */
export const SUMMARY_TABLES: readonly SummaryTableSpec[] = [
  {
    id: 'performance',
    title: 'Throughput and latency',
    columns: [
      column(
        'throughput',
        null,
        'Throughput (events/s)',
        'throughput ev/s',
        'higher',
        formatRate,
        (r) => r.timing.throughputEventsPerSec,
      ),
      ...latencyColumns('', 'Processing-time latency (ms)', '', (r) => r.timing.latency.processingTime),
      ...latencyColumns('event', 'Event-time latency (ms)', 'event-time ', (r) => r.timing.latency.eventTime),
      column(
        'cpu',
        null,
        'CPU time (ms)',
        'CPU ms',
        'lower',
        formatRate,
        (r) => r.timing.resources.cpuUserMs + r.timing.resources.cpuSystemMs,
      ),
    ],
  },
  {
    id: 'accuracy',
    title: 'Accuracy and delivery',
    columns: [
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
        DELIVERY,
        'Actionable (before its window ended)',
        'actionable',
        'higher',
        formatPercent,
        (r) => r.timing.timeliness?.actionableShare ?? null,
      ),
      column(
        'scored',
        DELIVERY,
        'Scored',
        'scored',
        'higher',
        formatCount,
        // Null for a workload without scored outputs (alerts): accuracy does not apply to it.
        (r) => (r.deterministic.outputs.scored === undefined ? null : r.deterministic.accuracy.model.count),
      ),
      column('duplicates', DELIVERY, 'Delivered twice', 'duplicates', 'lower', formatCount, (r) =>
        r.deterministic.outputs.scored === undefined ? null : (r.deterministic.accuracy.duplicates ?? null),
      ),
      column('missing', DELIVERY, 'Never produced', 'missing', 'lower', formatCount, (r) => {
        const d = r.deterministic.delivery;
        return d === undefined ? null : d.predictionsMissing + d.scoredMissing;
      }),
    ],
  },
  {
    id: 'recovery',
    title: 'Recovery from injected faults',
    columns: [
      recoveryColumn('detectedMs', 'Detected after'),
      recoveryColumn('restartedMs', 'Restarted after'),
      recoveryColumn('restoredMs', 'State restored after'),
      recoveryColumn('caughtUpMs', 'Caught up after'),
      column('oracle.missing', ORACLE, 'Lost', 'oracle lost', 'lower', formatCount, (r) =>
        oracleSum(r, 'missing'),
      ),
      column('oracle.duplicate', ORACLE, 'Duplicated', 'oracle duplicated', 'lower', formatCount, (r) =>
        oracleSum(r, 'duplicate'),
      ),
      column('oracle.wrong', ORACLE, 'Differ', 'oracle differ', 'lower', formatCount, (r) =>
        oracleSum(r, 'wrong'),
      ),
      column(
        'workers',
        null,
        'Worker processes',
        'workers',
        'lower',
        formatCount,
        (r) => r.recovery?.workers ?? null,
      ),
    ],
  },
];

/** Every figure column of every table. */
export const SUMMARY_COLUMNS: readonly SummaryColumn[] = SUMMARY_TABLES.flatMap((t) => t.columns);

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

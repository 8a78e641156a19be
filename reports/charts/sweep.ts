/**
 * The latency-vs-throughput trade-off from a sweep (`flinkcoin sweep`): one line per engine (and per
 * knob value when several rates were run), a point per run at its sustained throughput and p99 latency.
 * Only in reports whose results contain sweep runs.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../report-data.js';
import { completedRuns, median } from '../runs.js';
import { baseSpec, type ReportChart } from './chart.js';

/** One point per completed sweep run (medians across its repetitions). */
export function sweepPoints(data: ReportData) {
  const runs = completedRuns(data.results).filter(({ run }) => run.variant !== undefined);
  const rates = new Set(runs.map(({ run }) => run.variant?.rate ?? null));
  return runs.map(({ run, repetitions }) => {
    const variant = run.variant!;
    const latencies = repetitions.map((r) => r.timing.latency.eventTime ?? r.timing.latency.processingTime);
    const value = JSON.stringify(variant.value);
    return {
      // With several rates a line joins one knob value's rates; with one rate, one engine's knob values.
      series: rates.size > 1 ? `${variant.knob}=${value}` : run.engine,
      engine: run.engine,
      point: variant.label,
      throughput: median(repetitions.map((r) => r.timing.throughputEventsPerSec)) ?? 0,
      p50: Math.max(median(latencies.map((l) => l.p50)) ?? 0, 0.001),
      p99: Math.max(median(latencies.map((l) => l.p99)) ?? 0, 0.001),
      latencyKind: run.timing.latency.eventTime ? 'event time' : 'processing time',
    };
  });
}

export function sweepSpec(data: ReportData): TopLevelSpec {
  const values = sweepPoints(data);
  const encoding = {
    x: {
      field: 'throughput',
      type: 'quantitative',
      title: 'Sustained throughput (events/s)',
      axis: { format: ',~s' },
      scale: { zero: false },
    },
    y: { field: 'p99', type: 'quantitative', title: 'p99 latency (ms, log)', scale: { type: 'log' } },
    color: {
      field: 'series',
      type: 'nominal',
      title: 'Series',
      legend: { orient: 'right', labelLimit: 320 },
    },
    order: { field: 'throughput', type: 'quantitative' },
    tooltip: [
      { field: 'engine', title: 'Engine' },
      { field: 'point', title: 'Run' },
      { field: 'throughput', type: 'quantitative', title: 'Events/s', format: ',.0f' },
      { field: 'p50', type: 'quantitative', title: 'p50 ms', format: '.1f' },
      { field: 'p99', type: 'quantitative', title: 'p99 ms', format: '.1f' },
      { field: 'latencyKind', title: 'Latency' },
    ],
  };
  return {
    ...baseSpec('p99 latency against sustained throughput, per engine and swept knob value'),
    data: { values },
    layer: [
      { mark: { type: 'line', point: true }, encoding },
      {
        mark: { type: 'text', dx: 6, align: 'left', fontSize: 10 },
        encoding: { ...encoding, text: { field: 'point' } },
      },
    ],
  } as TopLevelSpec;
}

export const sweepChart: ReportChart = {
  id: 'sweep',
  title: 'Latency against throughput (sweep)',
  caption:
    'Down and to the right is better: each point is one run of the sweep; a knob that buys throughput with latency moves along its line.',
  spec: sweepSpec,
  appliesTo: (data) => sweepPoints(data).length > 0,
};

/**
 * Price alerts as a logical plan, the study's use of Flink's data-driven and session windows:
 *
 *   market ─trades─▶ prices ─keyBy(product)─┬─▶ moves[delta window] ─▶ sink(warnings)
 *                                           │        └─keyBy─▶ warning-counts[tumbling 30 s] ─▶ sink(warningCounts)
 *                                           └─▶ activity[session window] ─▶ sink(sessions)
 *
 * A warning is raised when a product's trade price moves at least `thresholdPct` from its reference
 * price (a delta window fires and its trade becomes the new reference); warnings are counted per
 * product in tumbling event-time windows; bursts of trading separated by `sessionGapMs` without a trade
 * are sessions, with their length and trade count.
 */
import type { MarketEvent } from '../../datasets/events.js';
import { type Plan, PlanBuilder } from '../plan/index.js';
import { moveAggregate, relativeMove, sessionAggregate, warningCountAggregate } from './aggregates.js';
import { ALERTS_WORKLOAD, type AlertsPlanConfig } from './config.js';
import type { PriceTick, PriceWarning } from './records.js';

export function buildAlertsPlan(cfg: AlertsPlanConfig): Plan {
  const p = new PlanBuilder(ALERTS_WORKLOAD);
  const byProduct = <T extends { product: string }>(v: T) => v.product;
  const prices = p
    .source<MarketEvent>('market', { maxOutOfOrdernessMs: cfg.maxOutOfOrdernessMs })
    .flatMap<PriceTick>('prices', (e, emit) => {
      if (e.kind === 'trade') emit({ product: e.product, time: e.time, price: e.price });
    })
    .keyBy('product', byProduct);
  const warnings = prices.window(
    'moves',
    { type: 'delta', threshold: cfg.thresholdPct / 100, delta: relativeMove },
    moveAggregate,
  );
  warnings
    .keyBy('product', byProduct)
    .window('warning-counts', { type: 'tumbling', sizeMs: cfg.countWindowMs }, warningCountAggregate)
    .sink('warningCounts', (c) => `${c.product}@${c.start}`);
  warnings.sink('warnings', (w: PriceWarning) => `${w.product}#${w.seq}`);
  prices
    .window('activity', { type: 'session', gapMs: cfg.sessionGapMs }, sessionAggregate)
    .sink('sessions', (s) => `${s.product}@${s.start}`);
  return p.build();
}

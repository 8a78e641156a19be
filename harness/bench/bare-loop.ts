/**
 * The bare loop: the crypto predictor's per-event work written as one plain loop over pre-parsed
 * events, calling the same workload functions an engine calls, with none of an engine's machinery
 * (no channels, buffers, watermarks in flight, or scheduling). It is the ceiling an engine is compared
 * with: engine throughput ÷ bare-loop throughput, in the same process and run.
 *
 * Windows fire as in the engines: when (max event time − bound − 1) passes a window's last millisecond,
 * checked every `fireEvery` events (the engines do it per watermark).
 */
import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';
import { barAggregate } from '../../workloads/crypto/bars.js';
import { bookProcess } from '../../workloads/crypto/book-process.js';
import type { CryptoConfig, ModelName } from '../../workloads/crypto/config.js';
import { featuresProcess } from '../../workloads/crypto/features-process.js';
import { modelProcess } from '../../workloads/crypto/model-process.js';
import { modelFor } from '../../workloads/crypto/plan.js';
import type { Bar, FeatureVector, Prediction, Tick } from '../../workloads/crypto/records.js';
import type { Collector, KeyedContext, KeyedState } from '../../workloads/plan/index.js';
import { windowStart } from '../../workloads/plan/index.js';

type BarAcc = ReturnType<typeof barAggregate.create>;

/** Plain per-key state: the least a keyed function needs. */
class BareContext implements KeyedContext {
  key = '';
  timestamp = 0;
  private readonly byKey = new Map<string, Map<string, unknown>>();
  private current = new Map<string, unknown>();
  readonly state: KeyedState = {
    get: <T>(n: string) => this.current.get(n) as T | undefined,
    set: (n, v) => void this.current.set(n, v),
    delete: (n) => void this.current.delete(n),
    names: () => [...this.current.keys()],
  };
  readonly timers = { registerEventTimeTimer() {}, deleteEventTimeTimer() {}, currentWatermark: () => 0 };
  readonly counters = { inc() {} };

  enter(key: string, ts: number): void {
    this.key = key;
    this.timestamp = ts;
    let m = this.byKey.get(key);
    if (m === undefined) {
      m = new Map();
      this.byKey.set(key, m);
    }
    this.current = m;
  }
}

export interface BareLoopResult {
  readonly predictions: number;
  readonly scored: number;
}

export function runBareLoop(
  events: readonly Timestamped<MarketEvent>[],
  cfg: CryptoConfig,
  model: ModelName,
  seed: number,
  fireEvery = 512,
): BareLoopResult {
  const size = cfg.windowMs;
  const ctx = new BareContext();
  const modelFn = modelProcess(modelFor(model, cfg), seed);
  const panes = new Map<string, Map<number, BarAcc>>();
  const pending = new Map<string, number>(); // product@target → predictions waiting for their outcome
  let predictions = 0;
  let scored = 0;

  const onPrediction: Collector<Prediction> = {
    collect: (p) => {
      predictions++;
      pending.set(`${p.product}@${p.target}`, p.predicted);
    },
  };
  const onFeatures: Collector<FeatureVector> = {
    collect: (f) => {
      const id = `${f.product}@${f.start}`;
      if (pending.delete(id)) scored++;
      modelFn.processElement(f, ctx, onPrediction);
    },
  };
  const onBar: Collector<Bar> = { collect: (bar) => featuresProcess.processElement(bar, ctx, onFeatures) };
  const onTick: Collector<Tick> = {
    collect: (t) => {
      const start = windowStart(t.time, size);
      let byStart = panes.get(t.product);
      if (byStart === undefined) {
        byStart = new Map();
        panes.set(t.product, byStart);
      }
      byStart.set(start, barAggregate.add(byStart.get(start) ?? barAggregate.create(), t, t.time));
    },
  };
  const fire = (wm: number) => {
    for (const [product, byStart] of panes) {
      for (const [start, acc] of [...byStart].sort((a, b) => a[0] - b[0])) {
        if (start + size - 1 > wm) break;
        byStart.delete(start);
        ctx.enter(product, start + size - 1);
        onBar.collect(
          barAggregate.result(
            product,
            { start, end: start + size },
            acc as ReturnType<typeof barAggregate.create>,
          ),
        );
      }
    }
  };

  let maxTs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < events.length; i++) {
    const { value, ts } = events[i];
    if (ts > maxTs) maxTs = ts;
    ctx.enter(value.product, ts);
    bookProcess.processElement(value, ctx, onTick);
    if (i % fireEvery === 0) fire(maxTs - cfg.maxOutOfOrdernessMs - 1);
  }
  fire(Number.POSITIVE_INFINITY);
  return { predictions, scored };
}

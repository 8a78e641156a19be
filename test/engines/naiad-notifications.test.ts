/**
 * Notifications on the crypto plan with out-of-order input (the seeded generator holding 5% of its
 * messages back by up to 2 s, four times the watermark bound, so some events are late): every
 * operator instance is instrumented, and each onNotify(t) is checked against the worker's progress
 * tracker (the frontier at the operator's inputs has passed t) and against what happened next (no
 * record at a time ≤ t reaches that instance afterwards; notifications come in timestamp order).
 * The late events follow the documented rule — late iff older than the input's closed epoch — which
 * is the per-record watermark rule of the reference execution: outputs and counters match it.
 */
import { describe, expect, it } from 'vitest';
import { ArrayInput } from '../../datasets/array-input.js';
import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';
import { compilePlan } from '../../engines/naiad/compile.js';
import { NaiadConfig } from '../../engines/naiad/config.js';
import { Runtime } from '../../engines/naiad/dataflow/runtime.js';
import { naiadEngine } from '../../engines/naiad/engine.js';
import { defaultEpochMs, EpochPolicy } from '../../engines/naiad/epochs.js';
import type { Timestamp } from '../../engines/naiad/progress/timestamp.js';
import { schedule } from '../../engines/naiad/scheduler.js';
import { NaiadStats } from '../../engines/naiad/stats.js';
import { referenceEngine } from '../../engines/reference/engine.js';
import { CounterSet } from '../../engines/shared/counters.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import { generatorInput } from '../../harness/run/inputs.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { buildCryptoPlan } from '../../workloads/crypto/plan.js';
import { collectSink } from '../helpers/collect-sink.js';
import { runCrypto } from '../helpers/run-plan.js';

const input = generatorInput({ messages: 20_000, outOfOrderFraction: 0.05, maxDelayMs: 2000 }, 3);
const events: Timestamped<MarketEvent>[] = [];
for (let e = input.next(); e !== null; e = input.next()) events.push(e);

interface Violation {
  what: string;
  worker: number;
  node: string;
  time: Timestamp;
  last: Timestamp | null;
}

/**
 * Runs the crypto plan as the engine does, with every operator instance's onRecv and onNotify
 * wrapped; returns the violations found and how many notifications were checked.
 */
async function instrumentedRun(knobs: Record<string, unknown>) {
  const cfg = NaiadConfig.parse(knobs);
  const plan = buildCryptoPlan(CryptoConfig.parse({}), 'linear', 7);
  const sink = collectSink();
  const job = {
    plan,
    sources: { market: [new OpenLoopSource(new ArrayInput(events), { mode: 'unpaced' }, 0)] },
    sinks: { features: sink, predictions: sink, scored: sink },
    clock: systemClock,
    config: knobs,
  };
  const stats = new NaiadStats();
  const counters = new CounterSet();
  const compiled = compilePlan(plan, job, {
    peers: cfg.parallelism,
    maxParallelism: undefined,
    epochs: new EpochPolicy(defaultEpochMs(plan)),
    inputBatchSize: cfg.inputBatchSize,
    commitOnCheckpoint: false,
    mayRead: () => true,
    stats,
  });
  const violations: Violation[] = [];
  let checked = 0;
  const build = () => {
    const runtime = new Runtime(compiled.dataflow, {
      peers: cfg.parallelism,
      progressMode: cfg.progressMode,
      messageCapacity: 128,
      stats,
      counters,
      fault: null,
      faultNodes: new Set(),
    });
    for (const worker of runtime.workers) {
      for (const host of worker.hosts) {
        const op = host.operator;
        const node = host.spec.name;
        const targets = Array.from({ length: host.spec.inputs }, (_, i) => worker.reach.target(host.node, i));
        let last: Timestamp | null = null; // the last notified time (epochs: totally ordered)
        const flag = (what: string, time: Timestamp) =>
          violations.push({ what, worker: worker.index, node, time, last });
        const onRecv = op.onRecv.bind(op);
        op.onRecv = (port, m) => {
          if (last !== null && m.time[0] <= last[0]) flag('record at or before a notified time', m.time);
          return onRecv(port, m);
        };
        const onNotify = op.onNotify.bind(op);
        op.onNotify = (time) => {
          checked++;
          for (const l of targets) {
            if (worker.tracker.frontierAt(l).lessEqual(time))
              flag('notified before the frontier passed', time);
          }
          if (last !== null && time[0] <= last[0]) flag('notified out of order', time);
          last = time;
          onNotify(time);
        };
      }
    }
    return runtime;
  };
  await schedule({ job, build, gates: [...compiled.gates.values()], counters, coordinator: null });
  return { violations, checked, stats };
}

describe('engines/naiad notifications: never before the frontier, with out-of-order input', async () => {
  const reference = await runCrypto(referenceEngine, events);

  it('the input is out of order and has late events (the test is not vacuous)', () => {
    let maxTs = Number.NEGATIVE_INFINITY;
    let behind = 0;
    for (const e of events) {
      if (e.ts < maxTs - 500) behind++;
      maxTs = Math.max(maxTs, e.ts);
    }
    expect(behind).toBeGreaterThan(50);
    expect(reference.report.counters['window.lateDropped']).toBeGreaterThan(0);
  });

  for (const knobs of [{}, { parallelism: 3, progressMode: 'eager' }, { parallelism: 1 }]) {
    it(`every onNotify(t) comes after the frontier passed t, in order (${JSON.stringify(knobs)})`, async () => {
      const run = await instrumentedRun(knobs);
      expect(run.violations).toEqual([]);
      expect(run.checked).toBe(run.stats.notificationsDelivered);
      // At least one window per epoch of data (the input spans 20 s of event time).
      const span = events[events.length - 1].ts - events[0].ts;
      expect(run.checked).toBeGreaterThanOrEqual(Math.floor(span / 1000));
      expect(run.stats.recordsBehindEpoch).toBeGreaterThan(0);
    });

    it(`late events follow the epoch rule: outputs and counters equal the reference’s (${JSON.stringify(knobs)})`, async () => {
      const naiad = await runCrypto(naiadEngine, events, { config: knobs });
      expect(naiad.outputs).toEqual(reference.outputs);
      expect(naiad.report.counters).toEqual(reference.report.counters);
    });
  }
});

import { ArrayInput } from '../../datasets/array-input.js';
import type { Timestamped } from '../../datasets/input.js';
import type { Engine, EngineReport } from '../../engines/contract.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource, type Pacing } from '../../harness/driver/open-loop-source.js';
import {
  type AggregateFunction,
  type AnyWindowAssigner,
  PlanBuilder,
  type WindowOptions,
} from '../../workloads/plan/index.js';
import { collectSink } from './collect-sink.js';

export interface Reading {
  key: string;
  v: number;
}

/** Order-sensitive on purpose (the values in arrival order); merge joins two lists, earlier first. */
export const joinValues: AggregateFunction<Reading, number[], string> = {
  create: () => [],
  add: (acc, r) => {
    acc.push(r.v);
    return acc;
  },
  merge: (a, b) => a.concat(b),
  result: (key, w, acc) =>
    `${key}[${w.start},${w.end})${w.seq === undefined ? '' : `#${w.seq}`}${w.pane ? `/p${w.pane}` : ''}:${acc.join(',')}`,
};

/**
 * Readings with disorder strictly below `bound`: sorted times, each moved back by less than the bound,
 * so no reading is late and no session can close between two readings it should merge.
 */
export function readings(
  steps: readonly { gap: number; back: number; key: string }[],
  bound: number,
): Timestamped<Reading>[] {
  let t = 1_000;
  return steps.map((s, v) => {
    t += s.gap;
    return { value: { key: s.key, v }, ts: t - Math.floor(s.back * Math.max(0, bound - 1)) };
  });
}

/** Runs one window node per named assigner over the readings; returns each sink's outputs, sorted. */
export async function runWindows(
  engine: Engine,
  events: readonly Timestamped<Reading>[],
  windows: Record<string, AnyWindowAssigner>,
  opts: {
    bound: number;
    config?: Record<string, unknown>;
    options?: WindowOptions;
    lateOutput?: boolean;
    /** Replay pacing; unpaced by default. */
    pacing?: Pacing;
  },
): Promise<{ outputs: Record<string, string[]>; report: EngineReport }> {
  const p = new PlanBuilder('window-kinds');
  const keyed = p.source<Reading>('in', { maxOutOfOrdernessMs: opts.bound }).keyBy('key', (r) => r.key);
  const sinks: Record<string, ReturnType<typeof collectSink<unknown>>> = {};
  for (const [name, assigner] of Object.entries(windows)) {
    if (opts.lateOutput) {
      const { results, late } = keyed.windowWithLateData(name, assigner, joinValues, opts.options);
      results.sink(name, (s) => s);
      late.sink(`${name}.late`, (r) => `late:${r.v}`);
      sinks[`${name}.late`] = collectSink();
    } else {
      keyed.window(name, assigner, joinValues, opts.options).sink(name, (s) => s);
    }
    sinks[name] = collectSink();
  }
  const report = await engine.run({
    plan: p.build(),
    sources: {
      in: [new OpenLoopSource(new ArrayInput(events), opts.pacing ?? { mode: 'unpaced' }, systemClock.now())],
    },
    sinks,
    clock: systemClock,
    config: opts.config ?? {},
  });
  const outputs = Object.fromEntries(
    Object.entries(sinks).map(([name, s]) => [name, s.out.map((o) => `${o.id}@${o.ts}`).sort()]),
  );
  return { outputs, report };
}

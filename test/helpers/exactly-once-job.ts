/**
 * The job the exactly-once tests run on every engine, in the test's process or in a child process that
 * is killed and restarted: the crypto predictor (linear model) on a small seeded generator input, about
 * 500 predictions. `referenceOutputs` is the failure-free run through the plain `write` path, what the
 * committed transactions of any faulty run must equal.
 */
import type { MarketEvent } from '../../datasets/events.js';
import { GeneratorInput } from '../../datasets/generator/input.js';
import type { Emit, Engine, PollResult, SourcePosition, SourceReader } from '../../engines/contract.js';
import { systemClock } from '../../harness/driver/clock.js';
import { OpenLoopSource } from '../../harness/driver/open-loop-source.js';
import type { Plan } from '../../workloads/plan/index.js';
import { workload } from '../../workloads/registry.js';
import { collectSink } from './collect-sink.js';
import { lineOf, type TxnRecorder, txnRecorder } from './txn-sink.js';

export const SINKS = ['features', 'predictions', 'scored'] as const;
export type SinkName = (typeof SINKS)[number];

const SEED = 7;
/** 8,000 messages at 50 a second of event time: 160 s of market, 1 s bars, about 500 predictions. */
export const MESSAGES = 8_000;

export function marketInput(): GeneratorInput {
  return new GeneratorInput({ messages: MESSAGES, messagesPerSecond: 50, seed: SEED });
}

export function cryptoPlan(): Plan {
  return workload('crypto-predictor').build({}, 'linear', SEED);
}

/**
 * Paced at `rate` events/s, counting from wherever it was last sought to: a restarted process that
 * seeks to a checkpoint's position reads on from there at once, instead of waiting out the time the
 * earlier process spent (what OpenLoopSource alone would do, its schedule fixed at construction).
 */
export class ResumePacedSource implements SourceReader<MarketEvent> {
  private reader: OpenLoopSource<MarketEvent>;

  constructor(
    private readonly input: GeneratorInput,
    private readonly rate: number,
  ) {
    this.reader = new OpenLoopSource(input, { mode: 'rate', eventsPerSec: rate }, systemClock.now());
  }

  poll(now: number, max: number, emit: Emit<MarketEvent>): PollResult {
    return this.reader.poll(now, max, emit);
  }

  position(): SourcePosition {
    return this.reader.position();
  }

  seek(position: SourcePosition): void {
    const index = position as number;
    const startAt = systemClock.now() - (index * 1000) / this.rate;
    this.reader = new OpenLoopSource(this.input, { mode: 'rate', eventsPerSec: this.rate }, startAt);
    this.reader.seek(index);
  }
}

/** Each sink's outputs of a failure-free run (plain writes, unpaced), sorted lines, and event times by id. */
export async function referenceOutputs(engine: Engine, config: Record<string, unknown> = {}) {
  const sinks = { features: collectSink(), predictions: collectSink(), scored: collectSink() };
  await engine.run({
    plan: cryptoPlan(),
    sources: { market: [new OpenLoopSource(marketInput(), { mode: 'unpaced' }, 0)] },
    sinks,
    clock: systemClock,
    config,
  });
  const lines = {} as Record<SinkName, string[]>;
  const ts = {} as Record<SinkName, Map<string, number>>;
  for (const name of SINKS) {
    lines[name] = sinks[name].out.map(lineOf).sort();
    ts[name] = new Map(sinks[name].out.map((o) => [o.id, o.ts]));
  }
  return { lines, ts };
}

/** The job in this process at 8,000 events/s (1 s), each sink a transaction recorder. */
export async function runRecordingTransactions(
  engine: Engine,
  config: Record<string, unknown>,
  delayMs?: number,
) {
  const sinks = Object.fromEntries(SINKS.map((name) => [name, txnRecorder(delayMs)])) as Record<
    SinkName,
    TxnRecorder
  >;
  const events: string[] = [];
  const report = await engine.run({
    plan: cryptoPlan(),
    sources: { market: [new ResumePacedSource(marketInput(), 8_000)] },
    sinks,
    clock: systemClock,
    config,
    recovery: {
      failureDetected: (_at, cause) => events.push(`failed: ${cause.message}`),
      stateRestored: (_at, id) => events.push(`restored ${id}`),
    },
  });
  return { report, sinks, events };
}

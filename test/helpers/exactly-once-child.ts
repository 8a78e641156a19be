/**
 * A worker process for the exactly-once resume tests: runs the exactly-once job on one engine with a
 * state directory and durable transactional sinks, and — when it is not killed first — writes a report
 * (metrics, re-commits its sinks ignored, what it restored) atomically. Started by the test with
 * `node --import tsx`; argument 1 is JSON: { engine, stateDir, outDir, rate, config, reportFile }.
 */
import { join } from 'node:path';
import type { Engine } from '../../engines/contract.js';
import { flinkEngine } from '../../engines/flink/engine.js';
import { naiadEngine } from '../../engines/naiad/engine.js';
import { systemClock } from '../../harness/driver/clock.js';
import { writeFileAtomic } from '../../harness/results/atomic-write.js';
import { cryptoPlan, marketInput, ResumePacedSource, SINKS } from './exactly-once-job.js';
import { DurableTxnSink } from './txn-sink.js';

export interface ChildArgs {
  readonly engine: 'flink' | 'naiad';
  readonly stateDir: string;
  readonly outDir: string;
  readonly rate: number;
  readonly config: Record<string, unknown>;
  readonly reportFile: string;
}

export interface ChildReport {
  readonly metrics: Record<string, number>;
  readonly recommits: number;
  readonly plainWrites: number;
  readonly restored: (number | null)[];
}

const ENGINES: Record<ChildArgs['engine'], Engine> = { flink: flinkEngine, naiad: naiadEngine };

const args = JSON.parse(process.argv[2]!) as ChildArgs;
const sinks = Object.fromEntries(SINKS.map((name) => [name, new DurableTxnSink(join(args.outDir, name))]));
const restored: (number | null)[] = [];
const report = await ENGINES[args.engine].run({
  plan: cryptoPlan(),
  sources: { market: [new ResumePacedSource(marketInput(), args.rate)] },
  sinks,
  clock: systemClock,
  config: args.config,
  stateDir: args.stateDir,
  recovery: { stateRestored: (_at, id) => restored.push(id) },
});
const sinkList = Object.values(sinks);
const result: ChildReport = {
  metrics: { ...report.metrics },
  recommits: sinkList.reduce((n, s) => n + s.recommits, 0),
  plainWrites: sinkList.reduce((n, s) => n + s.plainWrites, 0),
  restored,
};
writeFileAtomic(args.reportFile, JSON.stringify(result));

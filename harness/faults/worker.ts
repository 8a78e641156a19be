/**
 * Entry point of a fault run's worker process: the engine and its tasks, killable at any moment. It
 * reads the input log the driver (parent) appends to, keeps its durable state in `stateDir` (resuming
 * from it when an earlier worker left some) and writes its outputs to the output log.
 *
 * Protocol over the IPC channel (parent ⇄ worker):
 *   → { type: 'start', ...WorkerStart }
 *   → { type: 'go', startAt }                  after `ready`: run (the first worker learns startAt here)
 *   → { type: 'arm-checkpoint-crash', index, point, cut }   SIGKILL itself in the next durable write
 *   ← { type: 'ready', at }                    the engine is about to run (restart complete)
 *   ← { type: 'restored', at, id }             the engine restored state (id null: started afresh)
 *   ← { type: 'detected', at }                 the engine detected a task failure in-process
 *   ← { type: 'fired', index, at }             a worker-side fault (task crash, straggler) took effect
 *   ← { type: 'progress', at, consumed }       input log lines consumed (every 50 ms, and at each
 *                                              `reportAt` event count as soon as it is reached)
 *   ← { type: 'done', counters, metrics, recommitsIgnored }   then the worker exits 0
 *   an uncaught engine error: a message on stderr and exit code 1 (the supervisor restarts the worker)
 */
import { join } from 'node:path';
import type { SinkWriter } from '../../engines/contract.js';
import { engineEntry } from '../../engines/registry.js';
import { workload } from '../../workloads/registry.js';
import type { RunConfig } from '../config/schema.js';
import { systemClock } from '../driver/clock.js';
import { armCheckpointCrash, type CrashPoint } from './checkpoint-crash.js';
import type { Fault } from './fault-plan.js';
import { InputLogReader } from './input-log.js';
import { FileOutputSink } from './output-log.js';
import { FaultySourceReader } from './worker-faults.js';

export interface WorkerStart {
  readonly config: RunConfig;
  readonly engine: string;
  readonly model: string;
  readonly engineConfig: Record<string, unknown>;
  readonly runDir: string;
  readonly startAt: number;
  /** Worker-side faults not yet fired, with their index in the plan. */
  readonly faults: readonly { index: number; fault: Fault }[];
  /** Event counts the parent wants to hear about at once (process crashes at event N). */
  readonly reportAt: readonly number[];
}

const send = (m: Record<string, unknown>) => process.send?.(m);

async function main(start: WorkerStart): Promise<void> {
  const clock = systemClock;
  const spec = workload(start.config.workload);
  await spec.prepare?.(start.config, start.model);
  const plan = spec.build(start.config.workloadConfig, start.model, start.config.seed);
  const log = new InputLogReader(join(start.runDir, 'input.log'));
  const reportAt = [...start.reportAt].sort((a, b) => a - b);
  let lastProgress = 0;
  const progress = (now: number) => {
    const due = reportAt.length > 0 && log.consumed >= reportAt[0]!;
    if (!due && now - lastProgress < 50) return;
    while (reportAt.length > 0 && log.consumed >= reportAt[0]!) reportAt.shift();
    lastProgress = now;
    send({ type: 'progress', at: now, consumed: log.consumed, ...usage() });
  };
  send({ type: 'ready', at: clock.now() });
  // The first worker learns when event 0 is due only once it is ready (the driver waits for it).
  const startAt = await new Promise<number>((resolve) => {
    const onMessage = (m: {
      type: string;
      startAt?: number;
      index?: number;
      point?: CrashPoint;
      cut?: number;
    }) => {
      if (m.type === 'go') resolve(m.startAt ?? start.startAt);
      if (m.type === 'arm-checkpoint-crash') {
        armCheckpointCrash(m.point!, m.cut!, () => send({ type: 'fired', index: m.index, at: clock.now() }));
      }
    };
    process.on('message', onMessage);
  });
  const faults = start.faults.map((f) => f.fault);
  const source = new FaultySourceReader(log, faults, startAt, {
    fired: (fault, at) => send({ type: 'fired', index: start.faults[faults.indexOf(fault)]!.index, at }),
  });
  const reader = {
    poll: (now: number, max: number, emit: Parameters<typeof source.poll>[2]) => {
      const result = source.poll(now, max, emit);
      progress(now);
      return result;
    },
    position: () => source.position(),
    seek: (p: Parameters<typeof source.seek>[0]) => source.seek(p),
  };
  const sinks: Record<string, FileOutputSink> = {};
  for (const node of plan.nodes) {
    if (node.kind === 'sink')
      sinks[node.output] = new FileOutputSink(join(start.runDir, 'outputs', node.output), clock);
  }
  const report = await engineEntry(start.engine).engine.run({
    plan,
    sources: { [sourceInputOf(plan.nodes)]: [reader] },
    sinks: sinks as Record<string, SinkWriter>,
    clock,
    config: start.engineConfig,
    stateDir: join(start.runDir, 'state'),
    recovery: {
      failureDetected: (at) => send({ type: 'detected', at }),
      stateRestored: (at, id) => send({ type: 'restored', at, id }),
    },
  });
  for (const sink of Object.values(sinks)) sink.close();
  send({ type: 'progress', at: clock.now(), consumed: log.consumed, ...usage() });
  const recommitsIgnored = Object.values(sinks).reduce((n, s) => n + s.recommitsIgnored, 0);
  await new Promise<void>((resolve) =>
    process.send?.(
      { type: 'done', counters: report.counters, metrics: report.metrics, recommitsIgnored },
      () => resolve(),
    ),
  );
}

/** This worker's CPU time and peak RSS so far (a killed worker's last report is what counts). */
function usage() {
  const cpu = process.cpuUsage();
  return {
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    rss: process.resourceUsage().maxRSS * 1024,
  };
}

function sourceInputOf(nodes: readonly { kind: string; input?: string }[]): string {
  const inputs = nodes.filter((n) => n.kind === 'source').map((n) => n.input!);
  if (inputs.length !== 1)
    throw new Error(`a fault run needs a plan with one source, found ${inputs.length}`);
  return inputs[0]!;
}

process.once('message', (m: { type: 'start' } & WorkerStart) => {
  main(m).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(`worker: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(1);
    },
  );
});

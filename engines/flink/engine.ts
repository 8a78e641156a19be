/**
 * The Flink-style engine: true streaming, record at a time.
 *
 *   Plan ─buildJobGraph─▶ JobGraph ─deploy─▶ tasks ─schedule─▶ records flow until every source ends
 *
 * Scheduling is cooperative on one thread: each turn steps every task once (downstream first, so
 * buffers drain before sources refill them), runs the periodic output flusher (bufferTimeoutMs), and
 * when no task could work, sleeps until the next source record is due, a stalled sink settles, or a
 * timer (flush, watermark) is due. It yields to the event loop every few milliseconds so that I/O,
 * timers and async sinks make progress.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FlinkCoinError } from '../../harness/errors.js';
import type { Engine, EngineReport, JobSpec } from '../contract.js';
import { CounterSet } from '../shared/counters.js';
import { FlinkConfig } from './config.js';
import { deploy } from './deploy.js';
import { buildJobGraph } from './job-graph.js';
import { NetworkStats } from './runtime/channel.js';
import { SourceTask } from './runtime/source-task.js';
import type { Task } from './runtime/subtask.js';

const YIELD_EVERY_MS = 5;

export const flinkEngine: Engine = {
  name: 'flink',
  description:
    'Flink-style true streaming (an emulation of the execution model, not Apache Flink): pipelined ' +
    'records, operator chaining, buffer timeout, credit-based backpressure, event-time watermarks.',
  async run(job: JobSpec): Promise<EngineReport> {
    const cfg = FlinkConfig.parse(job.config);
    const graph = buildJobGraph(job.plan, {
      parallelism: cfg.parallelism,
      chaining: cfg.operatorChaining,
      sourceSplits: (input) => job.sources[input]?.length ?? 1,
    });
    const stats = new NetworkStats();
    const counters = new CounterSet();
    const tasks = deploy(graph, job, cfg, stats, counters).reverse();
    const sources = tasks.filter((t): t is SourceTask => t instanceof SourceTask);
    await schedule(tasks, sources, job, cfg);
    await Promise.all(Object.values(job.sinks).map((s) => s.close?.()));
    return {
      counters: Object.fromEntries(counters.values),
      metrics: {
        vertices: graph.vertices.length,
        subtasks: tasks.length,
        buffersSent: stats.buffersSent,
        maxInFlightRecords: stats.maxInFlightRecords,
        backpressuredTurns: tasks.reduce((sum, t) => sum + t.backpressuredTurns, 0),
        sourceBackpressuredTurns: sources.reduce((sum, t) => sum + t.backpressuredTurns, 0),
        eventsIngested: sources.reduce((sum, t) => sum + t.eventsIngested, 0),
      },
    };
  },
};

async function schedule(tasks: Task[], sources: SourceTask[], job: JobSpec, cfg: FlinkConfig): Promise<void> {
  const clock = job.clock;
  const flushEvery = cfg.bufferTimeoutMs ?? Number.POSITIVE_INFINITY;
  let nextFlush = clock.now() + flushEvery;
  let lastYield = clock.now();
  for (;;) {
    if (job.signal?.aborted) throw new FlinkCoinError('run aborted', { cause: job.signal.reason });
    let now = clock.now();
    let worked = false;
    let running = 0;
    for (const task of tasks) {
      if (task.finished) continue;
      running++;
      if (task.step(now)) worked = true;
    }
    if (running === 0) return;
    if (now >= nextFlush) {
      for (const task of tasks) task.flushOutputs();
      nextFlush = now + flushEvery;
      worked = true;
    }
    now = clock.now();
    if (worked) {
      if (now - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = clock.now();
      }
      continue;
    }
    await idle(tasks, Math.min(nextFlush, ...sources.map((s) => nextWake(s))) - now);
    lastYield = clock.now();
  }
}

function nextWake(source: SourceTask): number {
  return source.finished ? Number.POSITIVE_INFINITY : Math.min(source.idleUntil, source.watermarkDueAt);
}

/** Nothing can run: wait for a stalled sink, or until the next due time. */
async function idle(tasks: Task[], waitMs: number): Promise<void> {
  const stalls = tasks.map((t) => t.stalledOn).filter((p): p is Promise<void> => p !== null);
  if (waitMs < 1 || !Number.isFinite(waitMs)) {
    if (stalls.length > 0 && !Number.isFinite(waitMs)) await Promise.race(stalls);
    else await yieldToEventLoop();
    return;
  }
  const sleep = new Promise<void>((resolve) => setTimeout(resolve, Math.min(waitMs, 1000)));
  await Promise.race([sleep, ...stalls]);
}

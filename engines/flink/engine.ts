/**
 * The Flink-style engine: true streaming, record at a time, with asynchronous barrier snapshots and
 * restarts.
 *
 *   Plan ─buildJobGraph─▶ JobGraph ─deploy─▶ tasks ─restore─▶ schedule ─▶ every task finished: done
 *                                              ▲                   │ a task failed
 *                                              └── backoff ◀─ yes ─┴─ restart strategy allows? ─ no ─▶ reject
 *
 * See runtime/scheduler.ts for the loop, checkpoint/ for barriers and the coordinator, failover/ for
 * restarts. A failed job rejects with a JobExecutionError whose `cause` is the task failure.
 *
 * Durable state and exactly-once output (the failure-injection issue):
 *   job.stateDir   checkpoints go to `<stateDir>/checkpoints`; a new process of the same job restores the
 *                  newest complete one there and seeks its sources to that checkpoint's positions
 *                  (Flink's JobManager failover with HA), telling job.recovery what it restored
 *   EXACTLY_ONCE checkpoints + a writer with commitTransaction
 *                  sinks are two-phase-commit sinks (operators/two-phase-commit-sink.ts): a checkpoint's
 *                  outputs commit when it completes, the last ones at the final checkpoint (FLIP-147),
 *                  so no output is lost or repeated across failures and restarts; otherwise the writers
 *                  see each record at once and a restore writes the ones after its checkpoint again
 *                  (`sinkDuplicates`)
 *
 * Departure: watermarks (each source's generator, each input channel's, each operator's) are part of
 * a snapshot and are restored; Flink starts them afresh after a restore (Long.MIN_VALUE until the
 * first new watermark). Restoring them keeps them from regressing, and makes a record that was late
 * before a failure late again after it, so a recovered run computes what a failure-free run does.
 */
import { toError } from '../../harness/errors.js';
import type { Engine, EngineReport, JobSpec } from '../contract.js';
import { CounterSet } from '../shared/counters.js';
import { CheckpointCoordinator } from './checkpoint/coordinator.js';
import { type CompletedCheckpoint, isCheckpointListener } from './checkpoint/snapshot.js';
import { checkpointStorage } from './checkpoint/storage.js';
import { FlinkConfig } from './config.js';
import { deploy } from './deploy.js';
import { JobExecutionError } from './failover/errors.js';
import { FaultInjector } from './failover/fault-injector.js';
import {
  backoff,
  cancelTasks,
  outputsSince,
  restore,
  StartPositions,
  settleCommits,
} from './failover/recovery.js';
import { restartStrategyFor } from './failover/restart-strategy.js';
import { buildJobGraph } from './job-graph.js';
import { TransactionStats } from './operators/two-phase-commit-sink.js';
import { NetworkStats } from './runtime/channel.js';
import { schedule } from './runtime/scheduler.js';
import { SourceTask } from './runtime/source-task.js';
import type { Task } from './runtime/task.js';

/** The engine the registry lists as `flink`. */
export const flinkEngine: Engine = {
  name: 'flink',
  description:
    'Flink-style true streaming (an emulation of the execution model, not Apache Flink): pipelined ' +
    'records, operator chaining, buffer timeout, credit-based backpressure, event-time watermarks, ' +
    'aligned checkpoint barriers and restarts.',
  async run(job: JobSpec): Promise<EngineReport> {
    const cfg = FlinkConfig.parse(job.config);
    const graph = buildJobGraph(job.plan, {
      parallelism: cfg.parallelism,
      chaining: cfg.operatorChaining,
      sourceSplits: (input) => job.sources[input]?.length ?? 1,
    });
    const clock = job.clock;
    const stats = new NetworkStats();
    const checkpoints =
      cfg.checkpointIntervalMs === null
        ? null
        : new CheckpointCoordinator(
            cfg.checkpointIntervalMs,
            cfg.checkpointingMode,
            checkpointStorage(job.stateDir, cfg.checkpointStorage, cfg.checkpointsRetained),
            clock,
          );
    const exactlyOnce = checkpoints !== null && cfg.checkpointingMode === 'EXACTLY_ONCE';
    const transactions = exactlyOnce ? new TransactionStats() : null;
    const faults = cfg.failAtEvent === undefined ? null : new FaultInjector(cfg.failAtEvent);
    const restartStrategy = restartStrategyFor(cfg);
    const start = new StartPositions(job);
    const recovery = { restarts: 0, restartBackoffMsTotal: 0, sinkDuplicates: 0, lastRestoredId: 0 };
    const turns = { backpressured: 0, sourceBackpressured: 0, eventsIngested: 0 };
    // A job with a state directory resumes from the newest complete checkpoint an earlier process left.
    let restoreFrom: CompletedCheckpoint | null =
      job.stateDir === undefined ? null : (checkpoints?.latest() ?? null);
    const restoredFromId = restoreFrom?.id ?? 0;
    recovery.lastRestoredId = restoredFromId;
    let tasks: Task[];
    for (;;) {
      tasks = deploy(graph, job, cfg, stats, checkpoints, faults, transactions).reverse();
      const sources = tasks.filter((t): t is SourceTask => t instanceof SourceTask);
      if (recovery.restarts > 0 || restoreFrom !== null) restore(tasks, restoreFrom, start);
      if (recovery.restarts > 0 || job.stateDir !== undefined) {
        job.recovery?.stateRestored?.(clock.now(), restoreFrom?.id ?? null);
      }
      const listeners = tasks.flatMap((t) => [...t.operators.values()].filter(isCheckpointListener));
      checkpoints?.start(
        tasks.map((t) => t.name),
        clock.now(),
        listeners,
      );
      let failure: Error | null = null;
      try {
        await schedule(tasks, sources, job, cfg, checkpoints);
        checkpoints?.completeFinal();
        await settleCommits(tasks);
      } catch (thrown) {
        failure = toError(thrown);
      }
      turns.backpressured += tasks.reduce((sum, t) => sum + t.backpressuredTurns, 0);
      turns.sourceBackpressured += sources.reduce((sum, t) => sum + t.backpressuredTurns, 0);
      turns.eventsIngested += sources.reduce((sum, t) => sum + t.eventsIngested, 0);
      if (failure === null) break;
      if (job.signal?.aborted) throw failure;
      const failedAt = clock.now();
      job.recovery?.failureDetected?.(failedAt, failure);
      restartStrategy.notifyFailure(failedAt);
      if (!restartStrategy.canRestart()) throw new JobExecutionError(recovery.restarts, failure);
      await cancelTasks(tasks);
      stats.inFlightRecords = 0; // the failed attempt's buffers are dropped
      restoreFrom = checkpoints?.latest() ?? null;
      recovery.sinkDuplicates += outputsSince(restoreFrom, tasks); // plain sinks only: 0 with 2PC
      recovery.lastRestoredId = restoreFrom?.id ?? 0;
      await backoff(restartStrategy.getBackoffTime(clock.now()), job);
      recovery.restartBackoffMsTotal += clock.now() - failedAt; // failure to redeployment
      recovery.restarts++;
    }
    await Promise.all(Object.values(job.sinks).map((s) => s.close?.()));
    const counters = new CounterSet();
    for (const task of tasks) for (const [name, n] of task.counters.values) counters.inc(name, n);
    return {
      counters: Object.fromEntries(counters.values),
      metrics: {
        vertices: graph.vertices.length,
        subtasks: tasks.length,
        buffersSent: stats.buffersSent,
        maxInFlightRecords: stats.maxInFlightRecords,
        backpressuredTurns: turns.backpressured,
        sourceBackpressuredTurns: turns.sourceBackpressured,
        eventsIngested: turns.eventsIngested,
        'checkpoints.completed': checkpoints?.completed ?? 0,
        'checkpoints.durationMsMax': checkpoints?.durationMsMax ?? 0,
        'checkpoints.alignmentMsMax': checkpoints?.alignmentMsMax ?? 0,
        'checkpoints.sizeBytesMax': checkpoints?.sizeBytesMax ?? 0,
        'checkpoints.lastRestoredId': recovery.lastRestoredId,
        restoredFromId,
        'checkpoints.corruptSkipped': checkpoints?.corruptSkipped ?? 0,
        'transactions.committed': transactions?.committed ?? 0,
        'transactions.recommitted': transactions?.recommitted ?? 0,
        restarts: recovery.restarts,
        restartBackoffMsTotal: recovery.restartBackoffMsTotal,
        sinkDuplicates: recovery.sinkDuplicates,
      },
    };
  },
};

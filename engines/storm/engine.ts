/**
 * The Storm-style engine: tuple-at-a-time spouts and bolts with at-least-once acking.
 *
 *   Plan ─buildTopology─▶ components ─assign─▶ tasks on workers ─deploy─▶ executors ─schedule─▶ until
 *   every spout has read its split and every tuple tree it emitted is complete
 *
 * Every tuple crosses a bounded receive queue; every emit is anchored; every ack goes to an acker, which
 * tracks each spout tuple's tree with Storm's XOR; failed and timed-out trees are replayed by their
 * spout, so outputs and state updates can repeat (at-least-once). Bolt state is memory only unless
 * `stateful` turns on Storm's checkpointed stateful bolts. With the job's stateDir the spouts commit
 * their highest contiguous acked positions and a restarted topology resumes from them, and stateful
 * bolts from their committed state (durable-state.ts); sinks always get plain writes, duplicates
 * included (Storm has no transactional sink). Scheduling is cooperative on one thread (scheduler.ts).
 *
 * Departures from Storm, each explained where it lives:
 *   - event-time watermarks travel in-band from the spouts (watermarks.ts), windows use the plan's
 *     bounds and lateness (bolts/window-bolt.ts): every FlinkCoin engine computes the same windows;
 *   - non-keyed groupings are pinned to the same task index (topology.ts): per-key order;
 *   - root ids are a sequence, edge ids random from a seeded generator (message-id.ts); RotatingMap is
 *     a paged table with the same expiry (rotating-map.ts);
 *   - tuples move between workers as objects, not serialized bytes; no backpressure wait strategies:
 *     a blocked executor simply gets no turn until its overflow drains (executor.ts);
 *   - the acker does not rotate when message timeouts are off (acker.ts); one in-progress flag in
 *     the $checkpointspout (checkpoint-spout.ts); deep state copies (key-value-state.ts);
 *   - fault injection knobs (config.ts) until the failure-injection issue generalises them.
 */
import { ConfigError, PlanValidationError } from '../../harness/errors.js';
import type { Engine, EngineReport, JobSpec } from '../contract.js';
import { CounterSet } from '../shared/counters.js';
import { assign } from './assignment.js';
import { StormConfig } from './config.js';
import { deploy } from './deploy.js';
import { DurableTopologyState } from './durable-state.js';
import { schedule } from './scheduler.js';
import { StormStats } from './stats.js';
import { buildTopology } from './topology.js';
import { TransferStats } from './transfer.js';

/** The engine the registry exposes as "storm": parses its knobs, builds the topology, runs it. */
export const stormEngine: Engine = {
  name: 'storm',
  description:
    'Storm-style tuple-at-a-time processing (an emulation of the execution model, not Apache Storm): ' +
    'spouts and bolts on bounded receive queues, anchored emits, XOR acker, replay of failed and ' +
    'timed-out tuple trees (at-least-once), max spout pending, optional stateful-bolt checkpoints.',
  async run(job: JobSpec): Promise<EngineReport> {
    const cfg = StormConfig.parse(job.config);
    const ackers = cfg.ackers ?? cfg.workers;
    if (cfg.stateful !== null && ackers === 0) {
      throw new ConfigError('stateful bolts need ackers: their checkpoints are tracked tuples', 'ackers');
    }
    if (cfg.dropEveryNthTuple > 0 && ackers > 0 && !cfg.enableMessageTimeouts) {
      throw new ConfigError(
        'a lost tuple is only replayed by the message timeout, which is off',
        'enableMessageTimeouts',
      );
    }
    const components = buildTopology(job.plan, cfg.parallelism, (input) => {
      const splits = job.sources[input]?.length ?? 0;
      if (splits === 0) throw new PlanValidationError(`no reader bound for source "${input}"`);
      return splits;
    });
    const assignment = assign(components, cfg.workers, ackers, cfg.stateful !== null);
    const stats = new StormStats();
    const transferStats = new TransferStats();
    const counters = new CounterSet();
    const startedAt = job.clock.now();
    const durable =
      job.stateDir === undefined
        ? null
        : new DurableTopologyState(job.stateDir, cfg.offsetCommitPeriodMs, cfg.stateful !== null, startedAt);
    const deployment = deploy(assignment, job, cfg, counters, stats, transferStats, startedAt, durable);
    // Replay restores no state: an id only when stateful bolts started from a committed checkpoint.
    if (durable !== null) job.recovery?.stateRestored?.(job.clock.now(), durable.restoredTxid);
    await schedule(deployment, job, cfg);
    await Promise.all(Object.values(job.sinks).map((s) => s.close?.()));
    return {
      counters: Object.fromEntries(counters.values),
      metrics: {
        workers: cfg.workers,
        ackers,
        executors: deployment.executors.length,
        eventsIngested: stats.eventsIngested,
        spoutEmitted: stats.spoutEmitted,
        replayedTuples: stats.replayedTuples,
        ackedTrees: stats.ackedTrees,
        failedTrees: stats.failedTrees,
        timedOutTrees: stats.timedOutTrees,
        completeLatencyMsMean: stats.ackedTrees > 0 ? stats.completeLatencyMsSum / stats.ackedTrees : 0,
        maxPendingTrees: stats.maxPendingTrees,
        injectedFails: stats.injectedFails,
        injectedDrops: stats.injectedDrops,
        checkpointsCommitted: stats.checkpointsCommitted,
        checkpointsRolledBack: stats.checkpointsRolledBack,
        dataTuples: transferStats.dataTuples,
        ackerMessages: transferStats.ackerMessages,
        systemTuples: transferStats.systemTuples,
        remoteTuples: transferStats.remoteTuples,
        overflowedTuples: transferStats.overflowedTuples,
        maxReceiveQueueDepth: Math.max(...deployment.receiveQueues.map((q) => q.maxDepth)),
        backpressuredTurns: deployment.executors.reduce((sum, e) => sum + e.backpressuredTurns, 0),
        ...(durable === null
          ? {}
          : {
              'checkpoints.corruptSkipped': durable.corruptSkipped,
              'spoutOffsets.commits': durable.offsets.commits,
              restoredFromId: durable.restoredTxid ?? -1,
            }),
      },
    };
  },
};

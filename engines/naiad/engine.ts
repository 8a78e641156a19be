/**
 * The Naiad-style engine: timely dataflow with logical timestamps and progress tracking.
 *
 *   Plan ─compilePlan─▶ dataflow (vertices, Pipeline | Exchange edges, could-result-in)
 *        ─Runtime─▶ a worker per peer (every vertex on every worker) ─schedule─▶ until no pointstamp is left
 *
 * Records carry epochs (event-time intervals, epochs.ts); operators get messages (onRecv) eagerly and
 * notifications (onNotify(t)) only once every worker's progress view proves nothing at or before t can
 * reach them: windows and timers are notify-driven. Workers exchange progress as ChangeBatches. With
 * `checkpoint.everyEpochs`, Naiad's global checkpoint and rollback make the run exactly once: outputs
 * are released at checkpoints, as transactions to a writer with commitTransaction. With the job's
 * state directory the checkpoints are durable and a new process of the job resumes from the newest.
 */
import type { Engine, EngineReport, JobSpec } from '../contract.js';
import { CounterSet } from '../shared/counters.js';
import { CheckpointCoordinator } from './checkpoint.js';
import { compilePlan } from './compile.js';
import { NaiadConfig } from './config.js';
import { Runtime } from './dataflow/runtime.js';
import { defaultEpochMs, EpochPolicy } from './epochs.js';
import { FaultInjector } from './fault.js';
import { type SinkGate, TransactionStats } from './operators/sink.js';
import { schedule } from './scheduler.js';
import { NaiadStats } from './stats.js';

/** The engine the registry exposes as "naiad": parses its knobs, compiles the plan, runs the workers. */
export const naiadEngine: Engine = {
  name: 'naiad',
  description:
    'Naiad-style timely dataflow (an emulation of the execution model, not Naiad or Rust timely): ' +
    'epoch timestamps, pointstamp progress tracking broadcast between workers, notify-driven windows ' +
    'and timers, Exchange channels, optional global checkpoint and rollback.',
  async run(job: JobSpec): Promise<EngineReport> {
    const cfg = NaiadConfig.parse(job.config);
    const stats = new NaiadStats();
    const counters = new CounterSet();
    const epochs = new EpochPolicy(cfg.epochMs ?? defaultEpochMs(job.plan));
    const ft = cfg.checkpoint;
    const durable =
      job.stateDir === undefined || ft === undefined
        ? undefined
        : { stateDir: job.stateDir, retained: ft.retained };
    const coordinator = ft === undefined ? null : new CheckpointCoordinator(ft.everyEpochs, stats, durable);
    const transactions = coordinator === null ? null : new TransactionStats();
    let restoredFromId = 0;
    let gates: readonly SinkGate[] = [];
    // Inputs read only while every sink keeps up and no checkpoint is draining the dataflow.
    const mayRead = () => {
      if (coordinator?.draining) return false;
      for (const g of gates) {
        if (g.stalledOn !== null) {
          stats.backpressuredTurns++;
          return false;
        }
      }
      return true;
    };
    const compiled = compilePlan(job.plan, job, {
      peers: cfg.parallelism,
      maxParallelism: cfg.maxParallelism,
      epochs,
      inputBatchSize: cfg.inputBatchSize,
      commitOnCheckpoint: coordinator !== null,
      transactions,
      mayRead,
      stats,
    });
    gates = [...compiled.gates.values()];
    const fault = cfg.failAtEvent === undefined ? null : new FaultInjector(cfg.failAtEvent);
    const build = () =>
      new Runtime(compiled.dataflow, {
        peers: cfg.parallelism,
        progressMode: cfg.progressMode,
        messageCapacity: Math.max(1, Math.floor(cfg.bufferBytes / cfg.recordBytes)),
        stats,
        counters,
        fault,
        faultNodes: compiled.faultNodes,
      });
    const onResumed = (id: number | null) => {
      restoredFromId = id ?? 0;
    };
    await schedule({ job, build, gates, counters, coordinator, onResumed });
    await Promise.all(Object.values(job.sinks).map((s) => s.close?.()));
    return {
      counters: Object.fromEntries(counters.values),
      metrics: {
        workers: cfg.parallelism,
        vertices: compiled.dataflow.nodes.length,
        epochMs: epochs.epochMs,
        ...stats,
        restoredFromId,
        'checkpoints.corruptSkipped': coordinator?.corruptSkipped ?? 0,
        'transactions.committed': transactions?.committed ?? 0,
        'transactions.recommitted': transactions?.recommitted ?? 0,
      },
    };
  },
};

/**
 * A worker (Naiad's worker thread, timely's Worker): its own instance of every operator of the dataflow,
 * its own progress view, and its end of the progress exchange. Workers share nothing but channels;
 * here they are scheduled cooperatively on one thread, one `step()` at a time:
 *
 *   step = receive progress batches → run every operator once, upstream first → send progress
 *
 * (timely's `worker.step()`: one scheduling pass over the operators).
 */
import type { CounterSet } from '../../shared/counters.js';
import { Progcaster, type ProgressChannels, type ProgressMode } from '../progress/broadcast.js';
import type { ChangeBatch } from '../progress/change-batch.js';
import type { Reachability } from '../progress/reachability.js';
import { ProgressTracker } from '../progress/tracker.js';
import type { NaiadStats } from '../stats.js';
import type { FinishedDataflow } from './graph.js';
import { OperatorHost } from './host.js';
import { MessagePool } from './message.js';

/** What operator hosts and pushers use of their worker. */
export interface WorkerContext {
  readonly index: number;
  readonly peers: number;
  readonly reach: Reachability;
  readonly changes: ChangeBatch;
  readonly tracker: ProgressTracker;
  readonly pool: MessagePool;
  readonly stats: NaiadStats;
  readonly counters: CounterSet;
}

/** Settings shared by every worker of a run. */
export interface WorkerOptions {
  readonly peers: number;
  readonly progressMode: ProgressMode;
  /** Records per data message. */
  readonly messageCapacity: number;
  readonly stats: NaiadStats;
  readonly counters: CounterSet;
}

/** One worker: its operator instances, progress view and progress exchange; the scheduler steps it. */
export class Worker implements WorkerContext {
  readonly tracker: ProgressTracker;
  readonly progcaster: Progcaster;
  readonly pool: MessagePool;
  /** One host per dataflow node, by node index. */
  readonly hosts: OperatorHost[];
  readonly peers: number;
  readonly stats: NaiadStats;
  readonly counters: CounterSet;
  private readonly scheduled: OperatorHost[];

  constructor(
    readonly index: number,
    readonly dataflow: FinishedDataflow,
    channels: ProgressChannels,
    opts: WorkerOptions,
  ) {
    this.peers = opts.peers;
    this.stats = opts.stats;
    this.counters = opts.counters;
    this.tracker = new ProgressTracker(dataflow.reach);
    this.progcaster = new Progcaster(index, channels, this.tracker, opts.progressMode, opts.stats);
    this.pool = new MessagePool(opts.messageCapacity);
    this.hosts = dataflow.nodes.map((spec, node) => new OperatorHost(node, spec, this));
    this.scheduled = dataflow.order.map((node) => this.hosts[node]);
  }

  get reach(): Reachability {
    return this.dataflow.reach;
  }

  get changes(): ChangeBatch {
    return this.progcaster.changes;
  }

  /** One scheduling pass; `force` sends held progress whatever the mode. True if anything happened. */
  step(now: number, force: boolean): boolean {
    let worked = this.progcaster.recv();
    for (let i = 0; i < this.scheduled.length; i++) if (this.scheduled[i].run(now)) worked = true;
    if (this.progcaster.send(force)) worked = true;
    this.stats.stepsRun++;
    return worked;
  }

  /** Records waiting at this worker's operator inputs. */
  get queuedRecords(): number {
    let n = 0;
    for (const h of this.hosts) n += h.queuedRecords;
    return n;
  }
}

/**
 * The running dataflow: a worker per peer, their channels wired, their operators built, and the
 * global-checkpoint hooks (Naiad §3.4: Checkpoint/Restore of every stateful vertex).
 *
 *   const rt = new Runtime(dataflow, opts);  // workers, channels (Pipeline | Exchange), operators
 *   rt.start();                               // first progress exchange: the inputs' initial epochs
 *   while (!rt.complete) rt.round(now, false);
 *
 * Wiring: each edge with the Pipeline pact connects an operator to the consumer's instance on the same
 * worker; with the Exchange pact, to the consumer's instance on every worker (the pusher routes).
 */
import type { FaultInjector } from '../fault.js';
import { ProgressChannels } from '../progress/broadcast.js';
import type { Timestamp } from '../progress/timestamp.js';
import type { FinishedDataflow } from './graph.js';
import { ExchangePusher, PipelinePusher, type Pusher, Tee } from './pusher.js';
import { Worker, type WorkerOptions } from './worker.js';

/** A consistent cut of the whole computation: operator states, pending notifications, progress counts. */
export interface RuntimeSnapshot {
  /** [worker][node] */
  readonly operators: { state: unknown; notifications: readonly Timestamp[] }[][];
  readonly progress: [Timestamp, number, number][];
}

/** All workers of one run, wired; rebuilt from scratch for a rollback. */
export class Runtime {
  readonly workers: Worker[];

  constructor(
    readonly dataflow: FinishedDataflow,
    opts: WorkerOptions & { fault: FaultInjector | null; faultNodes: ReadonlySet<number> },
  ) {
    const channels = new ProgressChannels(opts.peers);
    const workers = Array.from({ length: opts.peers }, (_, i) => new Worker(i, dataflow, channels, opts));
    this.workers = workers;
    const { reach } = dataflow;
    for (const w of workers) {
      for (const host of w.hosts) {
        host.outputs = host.outputs.map((_, output) => {
          const pushers: Pusher[] = dataflow.edges
            .filter((e) => e.from === host.node && e.output === output)
            .map((e) => {
              const location = reach.target(e.to, e.input);
              if (e.pact.kind === 'pipeline')
                return new PipelinePusher(w.hosts[e.to].inputs[e.input], location, w);
              const queues = workers.map((peer) => peer.hosts[e.to].inputs[e.input]);
              return new ExchangePusher(queues, e.pact.route, location, w.index, w);
            });
          return pushers.length === 0
            ? host.outputs[output]
            : pushers.length === 1
              ? pushers[0]
              : new Tee(pushers);
        });
        if (opts.faultNodes.has(host.node)) host.fault = opts.fault;
      }
    }
    for (const w of workers) for (const host of w.hosts) host.operator = host.spec.build(host);
  }

  /** Exchanges the changes operators made while being built (inputs' initial epochs). */
  start(): void {
    for (const w of this.workers) w.progcaster.send(true);
    for (const w of this.workers) w.progcaster.recv();
  }

  /** One step of every worker, in turn. True if any worker did anything. */
  round(now: number, force: boolean): boolean {
    let worked = false;
    for (const w of this.workers) if (w.step(now, force)) worked = true;
    const stats = this.workers[0].stats;
    let queued = 0;
    for (const w of this.workers) {
      queued += w.queuedRecords;
      if (w.tracker.activeCount > stats.maxActivePointstamps)
        stats.maxActivePointstamps = w.tracker.activeCount;
    }
    if (queued > stats.maxQueuedRecords) stats.maxQueuedRecords = queued;
    return worked;
  }

  /** Nothing outstanding in any view and no progress unsent or unread: the computation is over. */
  get complete(): boolean {
    return this.workers.every((w) => w.tracker.isEmpty && !w.progcaster.pending);
  }

  /** The least epoch any active pointstamp carries (a probe over the whole dataflow), or +∞. */
  frontierEpoch(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const p of this.workers[0].tracker.frontier()) if (p.time[0] < min) min = p.time[0];
    return min;
  }

  /** Snapshot at a quiescent point: no message queued, all progress exchanged, all views equal. */
  snapshot(): RuntimeSnapshot {
    const progress = this.workers[0].tracker.snapshot();
    const canonical = (w: Worker) => JSON.stringify(w.tracker.snapshot().map(String).sort());
    for (const w of this.workers) {
      if (w.queuedRecords > 0 || w.progcaster.pending || canonical(w) !== canonical(this.workers[0])) {
        throw new Error(`checkpoint taken while worker ${w.index} is not quiescent`);
      }
    }
    const operators = this.workers.map((w) =>
      w.hosts.map((h) => ({ state: h.operator.snapshot(), notifications: [...h.notificator.times()] })),
    );
    return { operators, progress };
  }

  /** Restores a fresh runtime (instead of start()) to a snapshot. */
  restore(s: RuntimeSnapshot): void {
    this.workers.forEach((w, i) => {
      w.changes.drain(); // the initial epochs the inputs announced when built: the snapshot has the truth
      w.hosts.forEach((h, node) => {
        h.operator.restore(s.operators[i][node].state);
        h.notificator.restore(s.operators[i][node].notifications);
      });
      for (const [time, location, count] of s.progress) w.tracker.update(time, location, count);
    });
  }
}

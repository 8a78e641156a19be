/**
 * The bolt that runs a plan node (what a topology declares with setBolt): stateless nodes, keyed
 * process and co-process nodes, joins (JoinBolt, or the lowered co-process with stateful bolts), windows (time windows refused when longer than the message timeout
 * allows; session, count, delta and late-aware windows on MachineWindowBolt; all of them persistent
 * in a topology with stateful bolts) and sinks.
 */
import { PlanValidationError, UnsupportedOperatorError } from '../../../harness/errors.js';
import type { Millis } from '../../../workloads/plan/index.js';
import { isTimeAssigner } from '../../../workloads/plan/index.js';
import { lowerJoin } from '../../../workloads/plan/normalize.js';
import type { JobSpec } from '../../contract.js';
import type { CounterSet } from '../../shared/counters.js';
import { usesWindowMachine } from '../../shared/windows/create.js';
import type { OutputCollector } from '../output-collector.js';
import type { Component } from '../topology.js';
import type { Bolt } from './bolt.js';
import { JoinBolt } from './join-bolt.js';
import { MachineWindowBolt } from './machine-window-bolt.js';
import { ProcessBolt } from './process-bolt.js';
import { SinkBolt } from './sink-bolt.js';
import { StatelessBolt } from './stateless-bolt.js';
import { ensureWindowFitsTimeout, WindowBolt } from './window-bolt.js';

/** The bolt for a bolt component's node; throws for a node kind no bolt runs. */
export function createBolt(
  c: Component,
  collector: OutputCollector,
  job: JobSpec,
  counters: CounterSet,
  timeoutMs: Millis | null,
  stall: (until: Promise<void>) => void,
  /** A topology with stateful bolts: windows are persistent (checkpointed) and joins keep checkpointed buffers. */
  persistentWindows = false,
): Bolt {
  const node = c.node;
  const keys = () => c.inputs.map((sub) => sub.keyOf!); // keyed nodes have a key on every input
  switch (node.kind) {
    case 'map':
    case 'filter':
    case 'flatMap':
      return new StatelessBolt(node, collector);
    case 'process':
    case 'coProcess':
      return new ProcessBolt(node, keys(), collector, counters);
    case 'join':
      // Stateful bolts checkpoint the lowered join's buffers; Storm core holds the waiting tuples instead.
      if (persistentWindows) return new ProcessBolt(lowerJoin(node), keys(), collector, counters);
      return new JoinBolt(node, keys(), collector, counters);
    case 'window':
      if (usesWindowMachine(node) || !isTimeAssigner(node.assigner)) {
        return new MachineWindowBolt(node, keys()[0], collector, counters, persistentWindows);
      }
      // A persistent window acks its inputs at each checkpoint, so no tree waits for the window to fire.
      if (!persistentWindows && timeoutMs !== null)
        ensureWindowFitsTimeout(node.name, node.assigner, timeoutMs);
      return new WindowBolt(node.assigner, node.aggregate, keys()[0], collector, counters, persistentWindows);
    case 'sink': {
      const writer = job.sinks[node.output];
      if (writer === undefined) throw new PlanValidationError(`no writer bound for sink "${node.output}"`);
      return new SinkBolt(writer, node.idOf, collector, stall);
    }
    default:
      throw new UnsupportedOperatorError('storm', node.kind);
  }
}

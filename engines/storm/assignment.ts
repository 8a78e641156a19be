/**
 * Task ids and their placement (what Nimbus's scheduler decides), and who sends what to whom.
 *
 * Task ids: every component's tasks in topological order, then the $checkpointspout (stateful
 * topologies), then the ackers. Placement: tasks round robin over the workers, acker i on worker i
 * (topology.acker.executors = null gives one acker per worker), as Storm's even scheduler spreads
 * executors over worker slots.
 *
 * Streams between tasks: data follows the subscriptions (local grouping: the same task index; fields
 * grouping: every task of the consumer). Checkpoint tuples go to every task of every downstream
 * component (allGrouping); a bolt fed by a spout gets them from the $checkpointspout instead, as
 * TopologyBuilder.addCheckPointInputs wires it.
 */
import type { Component } from './topology.js';

/** Which task ids each component has, where the ackers and $checkpointspout are, and on which worker. */
export interface Assignment {
  readonly components: readonly Component[];
  readonly tasksOf: ReadonlyMap<Component, Int32Array>;
  /** The $checkpointspout's task, or −1 without stateful bolts. */
  readonly checkpointSpout: number;
  readonly ackers: Int32Array;
  /** Worker of each task. */
  readonly workerOf: Int32Array;
  readonly tasks: number;
}

/** Numbers the tasks and places them on workers (see the module comment). */
export function assign(
  components: readonly Component[],
  workers: number,
  ackers: number,
  stateful: boolean,
): Assignment {
  const tasksOf = new Map<Component, Int32Array>();
  let next = 0;
  for (const c of components)
    tasksOf.set(
      c,
      Int32Array.from({ length: c.parallelism }, () => next++),
    );
  const checkpointSpout = stateful ? next++ : -1;
  const firstAcker = next;
  const ackerTasks = Int32Array.from({ length: ackers }, () => next++);
  const workerOf = Int32Array.from({ length: next }, (_, task) =>
    task >= firstAcker ? (task - firstAcker) % workers : task % workers,
  );
  return { components, tasksOf, checkpointSpout, ackers: ackerTasks, workerOf, tasks: next };
}

const isSpout = (c: Component) => c.node.kind === 'source';

/** Tasks that send data to task `index` of bolt `c`. */
export function dataSenders(a: Assignment, c: Component, index: number): number[] {
  const senders = new Set<number>();
  for (const sub of c.inputs) {
    const from = a.tasksOf.get(sub.from)!;
    if (sub.grouping.type === 'local') senders.add(from[index]);
    else for (const t of from) senders.add(t);
  }
  return [...senders];
}

/** Tasks that get data from task `index` of `c`. */
export function dataReceivers(a: Assignment, c: Component, index: number): number[] {
  const receivers = new Set<number>();
  for (const sub of c.outputs) {
    const to = a.tasksOf.get(sub.to)!;
    if (sub.grouping.type === 'local') receivers.add(to[index]);
    else for (const t of to) receivers.add(t);
  }
  return [...receivers];
}

/** Tasks that send checkpoint tuples to each task of bolt `c` (none without stateful bolts). */
export function checkpointSenders(a: Assignment, c: Component): number[] {
  if (a.checkpointSpout < 0) return [];
  const senders = new Set<number>();
  for (const sub of c.inputs) {
    if (isSpout(sub.from)) senders.add(a.checkpointSpout);
    else for (const t of a.tasksOf.get(sub.from)!) senders.add(t);
  }
  return [...senders];
}

/** Tasks that get the checkpoint tuples of bolt `c`, or of the $checkpointspout when `c` is null. */
export function checkpointTargets(a: Assignment, c: Component | null): number[] {
  if (a.checkpointSpout < 0) return [];
  const targets = new Set<number>();
  for (const other of a.components) {
    const fed =
      c === null ? other.inputs.some((s) => isSpout(s.from)) : other.inputs.some((s) => s.from === c);
    if (fed) for (const t of a.tasksOf.get(other)!) targets.add(t);
  }
  return [...targets];
}

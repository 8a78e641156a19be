/**
 * The logical dataflow graph (Naiad's logical graph, timely's scope): nodes with input and output
 * ports, each with the path summary it applies to the timestamps it sends, and edges with a pact.
 * `finish()` validates the loop structure and computes the could-result-in relation.
 *
 *   const df = new Dataflow();
 *   const input = df.add({ name: 'input', inputs: 0, outputs: 1, summary: IDENTITY, build });
 *   const enter = df.add({ name: 'ingress', inputs: 1, outputs: 1, summary: INGRESS, build: forward });
 *   df.connect(input, 0, enter, 0, PIPELINE);
 *
 * Rules [NAIAD §2.1]: cycles only through feedback vertices (with the feedback edges removed, the graph
 * is acyclic); every cycle stays inside the loop context of its feedback vertex (no node on it is
 * shallower); an edge joins locations of the same loop depth. Violations throw PlanValidationError.
 */
import { PlanValidationError } from '../../../harness/errors.js';
import { Reachability } from '../progress/reachability.js';
import { depthChange, type PathSummary } from '../progress/summary.js';
import type { Operator, OperatorContext } from './operator.js';

/** How records travel on an edge: stay on the worker (Pipeline) or go to route(value) (Exchange). */
export type Pact =
  | { readonly kind: 'pipeline' }
  | { readonly kind: 'exchange'; readonly route: (value: unknown) => number };

/** The pact of an edge that keeps records on their worker (no key, or already partitioned by it). */
export const PIPELINE: Pact = { kind: 'pipeline' };

/** A vertex of the logical graph, built once per worker. */
export interface NodeSpec {
  readonly name: string;
  readonly inputs: number;
  readonly outputs: number;
  /** How the node changes timestamps between its inputs (or its capabilities) and its outputs. */
  readonly summary: PathSummary;
  /** Builds the node's operator on one worker. */
  readonly build: (ctx: OperatorContext) => Operator;
}

/** A connection from a vertex's output port to another's input port. */
export interface EdgeSpec {
  readonly from: number;
  readonly output: number;
  readonly to: number;
  readonly input: number;
  readonly pact: Pact;
}

/** A validated graph: could-result-in, loop depths, and a schedule order (upstream first). */
export interface FinishedDataflow {
  readonly nodes: readonly NodeSpec[];
  readonly edges: readonly EdgeSpec[];
  readonly reach: Reachability;
  readonly depths: readonly number[];
  readonly order: readonly number[];
}

/** Builds the logical graph; `finish()` checks the loop rules and computes could-result-in. */
export class Dataflow {
  readonly nodes: NodeSpec[] = [];
  readonly edges: EdgeSpec[] = [];

  add(spec: NodeSpec): number {
    this.nodes.push(spec);
    return this.nodes.length - 1;
  }

  connect(from: number, output: number, to: number, input: number, pact: Pact): void {
    if (output >= this.nodes[from].outputs || input >= this.nodes[to].inputs) {
      throw new PlanValidationError(`no port for edge ${from}.out${output} → ${to}.in${input}`);
    }
    this.edges.push({ from, output, to, input, pact });
  }

  finish(): FinishedDataflow {
    const isFeedback = (n: number) => this.nodes[n].summary.inc > 0;
    const forward = this.edges.filter((e) => !isFeedback(e.from));
    const order = topologicalOrder(this.nodes.length, forward);
    if (order === null) {
      throw new PlanValidationError('the dataflow has a cycle without a feedback vertex');
    }
    const depths = new Array<number>(this.nodes.length).fill(-1);
    for (const n of order) {
      if (this.nodes[n].inputs === 0) depths[n] = 0;
      for (const e of forward) if (e.to === n) this.setDepth(depths, e);
      if (depths[n] < 0) throw new PlanValidationError(`node "${this.nodes[n].name}" has no input`);
    }
    for (const e of this.edges) this.setDepth(depths, e);
    for (let f = 0; f < this.nodes.length; f++) if (isFeedback(f)) this.checkLoop(f, depths);
    const reach = new Reachability(
      this.nodes.map((n) => ({ inputs: n.inputs, summary: n.summary })),
      this.edges.map((e) => ({ from: e.from, to: e.to, port: e.input })),
    );
    return { nodes: this.nodes, edges: this.edges, reach, depths, order };
  }

  private setDepth(depths: number[], e: EdgeSpec): void {
    const d = depths[e.from] + depthChange(this.nodes[e.from].summary);
    if (depths[e.to] >= 0 && depths[e.to] !== d) {
      throw new PlanValidationError(
        `node "${this.nodes[e.to].name}" has inputs at loop depths ${depths[e.to]} and ${d}`,
      );
    }
    depths[e.to] = d;
  }

  /** Every node on a cycle through feedback vertex f is at least as deep as f (stays in its loop). */
  private checkLoop(f: number, depths: number[]): void {
    if (depths[f] < 1) throw new PlanValidationError(`feedback "${this.nodes[f].name}" is outside a loop`);
    const down = reachable(f, this.edges, (e) => [e.from, e.to]);
    const up = reachable(f, this.edges, (e) => [e.to, e.from]);
    for (const n of down) {
      if (up.has(n) && depths[n] < depths[f]) {
        throw new PlanValidationError(`the cycle through "${this.nodes[f].name}" leaves its loop`);
      }
    }
  }
}

function topologicalOrder(n: number, edges: readonly EdgeSpec[]): number[] | null {
  const indegree = new Array<number>(n).fill(0);
  for (const e of edges) indegree[e.to]++;
  const ready = [...indegree.keys()].filter((i) => indegree[i] === 0);
  const order: number[] = [];
  while (ready.length > 0) {
    const node = ready.shift()!;
    order.push(node);
    for (const e of edges) if (e.from === node && --indegree[e.to] === 0) ready.push(e.to);
  }
  return order.length === n ? order : null;
}

function reachable(start: number, edges: readonly EdgeSpec[], dir: (e: EdgeSpec) => [number, number]) {
  const seen = new Set<number>();
  const work = [start];
  while (work.length > 0) {
    const at = work.pop()!;
    for (const e of edges) {
      const [from, to] = dir(e);
      if (from === at && !seen.has(to)) {
        seen.add(to);
        work.push(to);
      }
    }
  }
  return seen;
}

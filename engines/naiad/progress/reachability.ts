/**
 * The could-result-in relation [NAIAD §2.3], computed once from the logical dataflow graph: for every
 * pair of locations, the antichain of minimal path summaries between them.
 *
 *   input 0 ─▶ (1.in0 → 1.vertex) ─ingress▶ (2.in0 → 2.vertex) ─▶ 3.in0 → 3.vertex ─feedback▶ 2.in1
 *
 *   summaries(1.vertex → 3.vertex) = [{ pop 0, inc 0, push [0] }]     entering the loop
 *   summaries(3.vertex → 3.vertex) = [IDENTITY]                        going round is dominated (+1)
 *   couldResultIn([7], 1.vertex, [7, 4], 3.vertex) = true             [7, 0] ≤ [7, 4]
 *
 * Inside a node, each input port leads to the vertex with the identity summary; the vertex leads to the
 * input ports its outputs are connected to with the node's own summary (ingress, egress, feedback or
 * identity). The closure is a worklist fixpoint that keeps only undominated summaries; it terminates
 * because every cycle passes a feedback vertex (checked by the graph), so going round only grows.
 *
 * Costs: construction O(L² · S) for L locations and S summaries per pair (S is 1 without loops);
 * couldResultIn O(S · depth), allocation free.
 */
import { Antichain } from './antichain.js';
import type { Location } from './location.js';
import { followedBy, IDENTITY, type PathSummary, resultsInLessEqual, summaryLessEqual } from './summary.js';
import type { Timestamp } from './timestamp.js';

/** What the closure needs to know about a node. */
export interface ReachNode {
  readonly inputs: number;
  /** How the node changes the timestamps it sends (ingress, egress, feedback, or identity). */
  readonly summary: PathSummary;
}

/** A connection from a node's output to another node's input port. */
export interface ReachEdge {
  readonly from: number;
  readonly to: number;
  readonly port: number;
}

/** Bound on closure steps: a graph that needs more has a cycle without a feedback vertex. */
const MAX_STEPS = 1_000_000;

/** The locations of a graph and the minimal path summaries between every pair of them. */
export class Reachability {
  /** Every location, by dense index. */
  readonly locations: Location[] = [];
  private readonly vertexIndex: number[] = [];
  private readonly targetIndex: number[][] = [];
  /** summaries[from][to]: minimal path summaries, empty when `to` is not reachable. */
  private readonly summaries: PathSummary[][][];

  constructor(nodes: readonly ReachNode[], edges: readonly ReachEdge[]) {
    nodes.forEach((n, node) => {
      this.targetIndex.push([]);
      for (let index = 0; index < n.inputs; index++) {
        this.targetIndex[node].push(this.locations.length);
        this.locations.push({ node, port: { kind: 'target', index } });
      }
      this.vertexIndex.push(this.locations.length);
      this.locations.push({ node, port: { kind: 'vertex' } });
    });
    const L = this.locations.length;
    // One-step moves between locations, each with its summary.
    const steps: { to: number; summary: PathSummary }[][] = this.locations.map(() => []);
    nodes.forEach((_, node) => {
      for (const t of this.targetIndex[node])
        steps[t].push({ to: this.vertexIndex[node], summary: IDENTITY });
    });
    for (const e of edges) {
      steps[this.vertex(e.from)].push({ to: this.target(e.to, e.port), summary: nodes[e.from].summary });
    }
    this.summaries = [];
    let budget = MAX_STEPS;
    for (let from = 0; from < L; from++) {
      const sets = Array.from({ length: L }, () => new Antichain<PathSummary>(summaryLessEqual));
      sets[from].insert(IDENTITY);
      const work: [number, PathSummary][] = [[from, IDENTITY]];
      while (work.length > 0) {
        if (--budget === 0) throw new RangeError('could-result-in closure did not converge');
        const [at, summary] = work.pop()!;
        for (const step of steps[at]) {
          const next = followedBy(summary, step.summary);
          if (sets[step.to].insert(next)) work.push([step.to, next]);
        }
      }
      this.summaries.push(sets.map((s) => [...s.elements]));
    }
  }

  /** Index of node's vertex location. */
  vertex(node: number): number {
    return this.vertexIndex[node];
  }

  /** Index of the location of node's input `port`. */
  target(node: number, port: number): number {
    const index = this.targetIndex[node]?.[port];
    if (index === undefined) throw new RangeError(`node ${node} has no input ${port}`);
    return index;
  }

  /** Minimal summaries of the paths from one location to another (empty: unreachable). */
  pathSummaries(from: number, to: number): readonly PathSummary[] {
    return this.summaries[from][to];
  }

  /** Naiad's could-result-in: (t1, l1) ⇝ (t2, l2) iff some minimal ψ(l1 → l2) has ψ(t1) ≤ t2. */
  couldResultIn(t1: Timestamp, l1: number, t2: Timestamp, l2: number): boolean {
    const set = this.summaries[l1][l2];
    for (let i = 0; i < set.length; i++) if (resultsInLessEqual(set[i], t1, t2)) return true;
    return false;
  }
}

/**
 * map, filter and flatMap. Consecutive stateless nodes are fused into one link when the chain is built
 * (as @most/core's FilterMap and Flink's chaining): one call per record for the whole run of them.
 */
import type { FilterNode, FlatMapNode, MapNode, Millis } from '../../../workloads/plan/index.js';
import type { Link } from './link.js';

type Step = (value: unknown, emit: (value: unknown) => void) => void;

function stepOf(node: MapNode | FilterNode | FlatMapNode): Step {
  switch (node.kind) {
    case 'map': {
      const f = node.fn;
      return (v, emit) => emit(f(v));
    }
    case 'filter': {
      const p = node.fn;
      return (v, emit) => {
        if (p(v)) emit(v);
      };
    }
    case 'flatMap':
      return node.fn;
  }
}

/** One link for a run of stateless nodes; each emitted value keeps the input's time and stamps. */
export class StatelessLink implements Link {
  private ts = 0;
  private createdAt = 0;
  private ingestedAt = 0;
  private readonly run: (value: unknown) => void;

  constructor(nodes: readonly (MapNode | FilterNode | FlatMapNode)[], next: Link) {
    let emit: (value: unknown) => void = (v) => next.process(v, this.ts, this.createdAt, this.ingestedAt);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const step = stepOf(nodes[i]);
      const downstream = emit;
      emit = (v) => step(v, downstream);
    }
    this.run = emit;
    this.next = next;
  }

  private readonly next: Link;

  process(value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.ts = ts;
    this.createdAt = createdAt;
    this.ingestedAt = ingestedAt;
    this.run(value);
  }
  watermark(wm: Millis): void {
    this.next.watermark(wm);
  }
  finish(): void {
    this.next.finish();
  }
}

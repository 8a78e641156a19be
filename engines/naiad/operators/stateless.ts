/**
 * map, filter and flatMap. A run of them with nothing in between becomes one vertex (timely's fused
 * FlatMapBuilder, "to avoid the overhead of multiple dataflow operators"): one call per record for the
 * whole run, each emitted value keeping the input's event time and stamps and its logical time.
 */
import type { FilterNode, FlatMapNode, MapNode } from '../../../workloads/plan/index.js';
import type { Message } from '../dataflow/message.js';
import type { Operator, OperatorContext } from '../dataflow/operator.js';

/** The plan nodes a StatelessVertex fuses. */
export type StatelessNode = MapNode | FilterNode | FlatMapNode;
type Step = (value: unknown, emit: (value: unknown) => void) => void;

function stepOf(node: StatelessNode): Step {
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

/** A fused run of map / filter / flatMap: one vertex, one call per record for the whole run. */
export class StatelessVertex implements Operator {
  private ts = 0;
  private createdAt = 0;
  private ingestedAt = 0;
  private readonly run: (value: unknown) => void;

  constructor(ctx: OperatorContext, nodes: readonly StatelessNode[]) {
    const out = ctx.outputs[0];
    let emit: (value: unknown) => void = (v) => out.push(v, this.ts, this.createdAt, this.ingestedAt);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const step = stepOf(nodes[i]);
      const downstream = emit;
      emit = (v) => step(v, downstream);
    }
    this.run = emit;
  }

  onRecv(_input: number, m: Message): boolean {
    const { values, ts, createdAt, ingestedAt } = m;
    for (let i = 0; i < m.length; i++) {
      this.ts = ts[i];
      this.createdAt = createdAt[i];
      this.ingestedAt = ingestedAt[i];
      this.run(values[i]);
    }
    return true;
  }

  onNotify(): void {}
  snapshot(): null {
    return null;
  }
  restore(): void {}
}

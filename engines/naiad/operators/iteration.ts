/**
 * The loop-context vertices of Naiad [NAIAD §2.1]: a loop is entered through an ingress, left through
 * an egress, and closed by a feedback vertex on every cycle. The vertices forward records; the host
 * re-times each session with the vertex's path summary, so the progress tracker sees exactly the
 * adjustment the could-result-in relation assumes:
 *
 *   ingress   (e, ⟨c⟩) → (e, ⟨c, 0⟩)     egress (e, ⟨c, k⟩) → (e, ⟨c⟩)     feedback (e, ⟨c, k⟩) → (e, ⟨c, k+1⟩)
 *
 *   const enter = addIngress(df, 'enter'), leave = addEgress(df, 'leave');
 *   const loop = addFeedback(df, 'loop', 10);         // at most 10 passes (a bounded loop)
 *   df.connect(input, 0, enter, 0, PIPELINE); df.connect(enter, 0, body, 0, PIPELINE);
 *   df.connect(body, 0, loop, 0, PIPELINE);   df.connect(loop, 0, body, 1, PIPELINE);
 *   df.connect(body, 1, leave, 0, PIPELINE);
 */
import type { Dataflow } from '../dataflow/graph.js';
import type { Message } from '../dataflow/message.js';
import type { Operator, OperatorContext } from '../dataflow/operator.js';
import { EGRESS, FEEDBACK, INGRESS } from '../progress/summary.js';

/** Forwards every record at the session time the host opened (the vertex's summary applied). */
class Forward implements Operator {
  constructor(
    private readonly ctx: OperatorContext,
    /** Records arriving at a loop counter ≥ this are dropped instead (feedback only). */
    private readonly maxIterations = Number.POSITIVE_INFINITY,
  ) {}

  onRecv(_input: number, m: Message): boolean {
    const t = this.ctx.time();
    if (t[t.length - 1] + 1 >= this.maxIterations) return true;
    const out = this.ctx.outputs[0];
    for (let i = 0; i < m.length; i++) out.push(m.values[i], m.ts[i], m.createdAt[i], m.ingestedAt[i]);
    return true;
  }
  onNotify(): void {}
  snapshot(): null {
    return null;
  }
  restore(): void {}
}

/** Enters a loop context: adds a loop counter, 0. */
export function addIngress(df: Dataflow, name: string): number {
  return df.add({ name, inputs: 1, outputs: 1, summary: INGRESS, build: (ctx) => new Forward(ctx) });
}

/** Leaves a loop context: drops the innermost loop counter. */
export function addEgress(df: Dataflow, name: string): number {
  return df.add({ name, inputs: 1, outputs: 1, summary: EGRESS, build: (ctx) => new Forward(ctx) });
}

/**
 * Closes a cycle: increments the innermost loop counter. Records that would start pass `maxIterations`
 * (counting the first pass as 0) are dropped — timely's bounded feedback summary.
 */
export function addFeedback(df: Dataflow, name: string, maxIterations = Number.POSITIVE_INFINITY): number {
  const build = (ctx: OperatorContext) => new Forward(ctx, maxIterations);
  return df.add({ name, inputs: 1, outputs: 1, summary: FEEDBACK, build });
}

/**
 * Checks a window node's assigner and options when the plan is built, so a bad window fails with its
 * node's name before any engine runs it.
 */
import { PlanValidationError } from '../../harness/errors.js';
import type { WindowNode } from './nodes.js';
import { isEventTimeAssigner } from './windows.js';

type Unbuilt = Omit<WindowNode, 'id'>;

export function validateWindow(node: Unbuilt): void {
  const a = node.assigner;
  const fail = (why: string) => {
    throw new PlanValidationError(`window "${node.name}": ${why}`);
  };
  const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;
  switch (a.type) {
    case 'tumbling':
      if (!(a.sizeMs > 0)) fail(`sizeMs must be positive, got ${a.sizeMs}`);
      break;
    case 'sliding':
      if (!(a.sizeMs > 0 && a.slideMs > 0)) fail(`sizeMs and slideMs must be positive`);
      break;
    case 'session':
      if (!(a.gapMs > 0)) fail(`gapMs must be positive, got ${a.gapMs}`);
      if (node.aggregate.merge === undefined)
        fail(
          'session windows merge, so the aggregate needs a merge function (Flink: AggregateFunction.merge)',
        );
      break;
    case 'count':
      if (!positiveInt(a.size)) fail(`count size must be a positive integer, got ${a.size}`);
      if (a.slide !== undefined && !positiveInt(a.slide))
        fail(`count slide must be a positive integer, got ${a.slide}`);
      break;
    case 'delta':
      if (!Number.isFinite(a.threshold)) fail(`delta threshold must be a finite number, got ${a.threshold}`);
      break;
  }
  const lateness = node.allowedLatenessMs ?? 0;
  if (!(lateness >= 0)) fail(`allowedLatenessMs must be 0 or more, got ${lateness}`);
  if ((lateness > 0 || node.lateOutput) && !isEventTimeAssigner(a))
    fail(`allowed lateness and late output apply to event-time windows only, not "${a.type}" windows`);
}

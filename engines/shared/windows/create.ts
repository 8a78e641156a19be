/**
 * Which window nodes run on the shared machines, and the machine for each: session, count and delta
 * windows always; tumbling and sliding windows when they have allowed lateness or a late side output.
 * Plain tumbling and sliding windows stay on each engine's own operator (the crypto plan's hot path).
 */
import type { WindowNode } from '../../../workloads/plan/index.js';
import { isTimeAssigner } from '../../../workloads/plan/index.js';
import type { CounterSet } from '../counters.js';
import { CountWindows } from './count-windows.js';
import { DeltaWindows } from './delta-windows.js';
import { EventTimeWindows } from './event-time-windows.js';
import { SessionWindows } from './session-windows.js';
import type { WindowHooks, WindowMachine } from './window-machine.js';

export function usesWindowMachine(node: WindowNode): boolean {
  return !isTimeAssigner(node.assigner) || (node.allowedLatenessMs ?? 0) > 0 || node.lateOutput === true;
}

export function createWindowMachine(
  node: WindowNode,
  counters: CounterSet,
  hooks: WindowHooks = {},
): WindowMachine {
  const a = node.assigner;
  const lateness = node.allowedLatenessMs ?? 0;
  const lateOutput = node.lateOutput === true;
  switch (a.type) {
    case 'tumbling':
    case 'sliding':
      return new EventTimeWindows(a, node.aggregate, lateness, counters, hooks, lateOutput);
    case 'session':
      return new SessionWindows(a.gapMs, node.aggregate, lateness, counters, hooks, lateOutput);
    case 'count':
      return new CountWindows(a.size, a.slide, node.aggregate, counters, hooks);
    case 'delta':
      return new DeltaWindows(a, node.aggregate, counters, hooks);
  }
}

// The logical plan API: what workloads build and engines execute.

// Building plans
export { KeyedStream, PlanBuilder, Stream, type WindowOptions } from './builder.js';
// User-function contracts
export type * from './functions.js';
// Late data as a side output of a window
export { isLateElement, type LateElement, lateElement } from './late-data.js';
// Plan nodes
export type * from './nodes.js';
// Rewrites every engine applies first
export { joinFunction, normalize } from './normalize.js';
// Window maths
export {
  assignWindows,
  isEventTimeAssigner,
  isTimeAssigner,
  windowMaxTimestamp,
  windowStart,
} from './windows.js';

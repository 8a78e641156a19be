// The logical plan API: what workloads build and engines execute.

// Building plans
export { KeyedStream, PlanBuilder, Stream } from './builder.js';
// User-function contracts
export type * from './functions.js';
// Plan nodes
export type * from './nodes.js';
// Rewrites every engine applies first
export { joinFunction, normalize } from './normalize.js';
// Window maths
export { assignWindows, windowMaxTimestamp, windowStart } from './windows.js';

/**
 * Late data as a side output (Flink's `sideOutputLateData(tag)`): a window node with `lateOutput` emits
 * each late element wrapped in a {@link LateElement} on its one output, and the builder adds two
 * stateless nodes after it that split the results from the late elements. This is how Beam's runners
 * carry a multi-output ParDo over a one-output engine (a union value tagged per output, then one
 * filter per tag), and it needs nothing from an engine beyond map/filter/flatMap.
 */

const TAG = 'flinkcoin.lateElement';

/** A late element on a window node's output: the element as it arrived. */
export interface LateElement<T = unknown> {
  readonly kind: typeof TAG;
  readonly value: T;
}

export function lateElement<T>(value: T): LateElement<T> {
  return { kind: TAG, value };
}

export function isLateElement(value: unknown): value is LateElement {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === TAG;
}

/** The flatMap after a window that keeps its results. */
export function windowResults(value: unknown, emit: (value: unknown) => void): void {
  if (!isLateElement(value)) emit(value);
}

/** The flatMap after a window that keeps its late elements, unwrapped. */
export function lateElements(value: unknown, emit: (value: unknown) => void): void {
  if (isLateElement(value)) emit(value.value);
}

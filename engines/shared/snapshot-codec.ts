/**
 * The byte format of a state snapshot: JSON, plus the numbers JSON cannot hold. Keyed state, window
 * accumulators and watermarks legitimately contain NaN (a bar's open before its first tick, the stamps
 * of timer outputs), ±Infinity (the initial and final watermarks) and −0; plain JSON would turn them into
 * null or 0 and a restored run would compute something else. They are written as tagged strings.
 *
 * Encoding is also the snapshot's copy: user functions mutate their state objects in place, so a
 * snapshot must be taken as text at the checkpoint, not kept as references.
 */

const TAG = '\u0000number:';

function replacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  if (Number.isFinite(value)) return Object.is(value, -0) ? `${TAG}-0` : value;
  return `${TAG}${value}`;
}

function reviver(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.startsWith(TAG) ? Number(value.slice(TAG.length)) : value;
}

/** Snapshot → text; every number, finite or not, comes back identical from `decodeSnapshot`. */
export function encodeSnapshot(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** Text from `encodeSnapshot` (or JSON with such texts spliced in) → fresh objects. */
export function decodeSnapshot<T = unknown>(text: string): T {
  return JSON.parse(text, reviver) as T;
}

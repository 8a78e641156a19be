/**
 * The output-correctness oracle of a fault run: the failure-free run of the same seed is the reference
 * (every engine produces it exactly in a failure-free run: test/harness/determinism.test.ts), and every
 * output of the faulty run is classified against it by output id:
 *
 *   correct    the first delivery of an id, with the reference's value
 *   wrong      the first delivery of an id, with another value (or an id the reference never made)
 *   duplicate  a later delivery of an id already delivered (whatever its value)
 *   missing    a reference id never delivered
 */
import { encodeSnapshot } from '../../engines/shared/snapshot-codec.js';
import type { OracleCounts } from '../results/schema.js';

/** Reference outputs of one sink: id → value encoded with the snapshot codec. */
export type ReferenceOutputs = ReadonlyMap<string, string>;

export function classifyOutputs(
  reference: ReferenceOutputs,
  outputs: readonly { id: string; value: unknown }[],
): OracleCounts & { wrongIds: string[] } {
  const seen = new Set<string>();
  const counts = { correct: 0, duplicate: 0, wrong: 0, missing: 0, wrongIds: [] as string[] };
  for (const { id, value } of outputs) {
    if (seen.has(id)) {
      counts.duplicate++;
      continue;
    }
    seen.add(id);
    if (reference.get(id) === encodeSnapshot(value)) counts.correct++;
    else {
      counts.wrong++;
      if (counts.wrongIds.length < 5) counts.wrongIds.push(id);
    }
  }
  for (const id of reference.keys()) if (!seen.has(id)) counts.missing++;
  return counts;
}

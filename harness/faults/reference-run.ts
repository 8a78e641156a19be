/**
 * The failure-free reference of a fault run: the same workload, model, seed and input run in this
 * process by the reference engine (engines/reference), unpaced. Every engine's failure-free outputs
 * equal it (the determinism test), so one reference serves all engines of a bench.
 */
import type { SinkWriter } from '../../engines/contract.js';
import { referenceEngine } from '../../engines/reference/engine.js';
import { encodeSnapshot } from '../../engines/shared/snapshot-codec.js';
import { workload } from '../../workloads/registry.js';
import type { RunConfig } from '../config/schema.js';
import { systemClock } from '../driver/clock.js';
import { openRunInput, sourceReaderOf } from '../run/inputs.js';
import type { ReferenceOutputs } from './oracle.js';

/** Per sink, id → encoded value; plus the scored rows (for the accuracy the faulty run is held to). */
export async function referenceOutputs(
  config: RunConfig,
  model: string,
): Promise<{ sinks: Record<string, ReferenceOutputs>; values: Record<string, unknown[]> }> {
  const spec = workload(config.workload);
  await spec.prepare?.(config, model);
  const plan = spec.build(config.workloadConfig, model, config.seed);
  const input = await openRunInput(config);
  const sinks: Record<string, Map<string, string>> = {};
  const values: Record<string, unknown[]> = {};
  const writers: Record<string, SinkWriter> = {};
  for (const node of plan.nodes) {
    if (node.kind !== 'sink') continue;
    const ids = new Map<string, string>();
    const list: unknown[] = [];
    sinks[node.output] = ids;
    values[node.output] = list;
    writers[node.output] = {
      write: (id, value) => {
        ids.set(id, encodeSnapshot(value));
        list.push(value);
      },
    };
  }
  const source = plan.nodes.find((n) => n.kind === 'source');
  try {
    await referenceEngine.run({
      plan,
      sources: {
        [source?.kind === 'source' ? source.input : 'market']: [
          sourceReaderOf(input, { mode: 'unpaced' }, 0),
        ],
      },
      sinks: writers,
      clock: systemClock,
      config: {},
    });
  } finally {
    await input.close?.();
  }
  return { sinks, values };
}

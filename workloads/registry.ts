/**
 * Workloads by name: a plan is rebuilt in any process from (workload name, config, model, seed).
 */
import { ConfigError } from '../harness/errors.js';
import { CryptoConfig, MODEL_NAMES, type ModelName } from './crypto/config.js';
import { buildCryptoPlan, WORKLOAD_NAME } from './crypto/plan.js';
import type { Plan } from './plan/index.js';

export interface WorkloadSpec {
  readonly name: string;
  readonly models: readonly string[];
  build(config: unknown, model: string, seed: number): Plan;
}

export const WORKLOADS: Record<string, WorkloadSpec> = {
  [WORKLOAD_NAME]: {
    name: WORKLOAD_NAME,
    models: MODEL_NAMES,
    build(config, model, seed) {
      if (!(MODEL_NAMES as readonly string[]).includes(model)) {
        throw new ConfigError(`unknown model "${model}"; choose one of ${MODEL_NAMES.join(', ')}`, 'models');
      }
      return buildCryptoPlan(CryptoConfig.parse(config ?? {}), model as ModelName, seed);
    },
  },
};

export function workload(name: string): WorkloadSpec {
  const spec = WORKLOADS[name];
  if (spec === undefined) {
    throw new ConfigError(`unknown workload "${name}"; choose one of ${Object.keys(WORKLOADS).join(', ')}`);
  }
  return spec;
}

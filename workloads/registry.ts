/**
 * Workloads by name: a plan is rebuilt in any process from (workload name, config, model, seed).
 * A model with an asynchronous runtime to set up (the LSTM's TensorFlow.js backend) is prepared first,
 * once per process, because plans call user functions synchronously.
 */
import { ConfigError } from '../harness/errors.js';
import { CryptoConfig, MODEL_NAMES, type ModelName } from './crypto/config.js';
import { prepareLstm } from './crypto/models/lstm/prepare.js';
import type { ModelRuntime, TfBackendChoice } from './crypto/models/lstm/tf-runtime.js';
import { buildCryptoPlan, WORKLOAD_NAME } from './crypto/plan.js';
import type { Plan } from './plan/index.js';

/** What preparing a model reads from the run configuration. */
export interface PrepareOptions {
  readonly tfBackend: TfBackendChoice;
  readonly workloadConfig: unknown;
}

export interface WorkloadSpec {
  readonly name: string;
  readonly models: readonly string[];
  /** Sets up `model`'s runtime in this process before `build`; returns facts about it, if it has one. */
  prepare?(options: PrepareOptions, model: string): Promise<ModelRuntime | undefined>;
  build(config: unknown, model: string, seed: number): Plan;
}

export const WORKLOADS: Record<string, WorkloadSpec> = {
  [WORKLOAD_NAME]: {
    name: WORKLOAD_NAME,
    models: MODEL_NAMES,
    prepare: async (options, model) =>
      model === 'lstm'
        ? prepareLstm(options.tfBackend, CryptoConfig.parse(options.workloadConfig ?? {}).lstm)
        : undefined,
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

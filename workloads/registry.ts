/**
 * Workloads by name: a plan is rebuilt in any process from (workload name, config, model, seed).
 * A model with an asynchronous runtime to set up (the LSTM's TensorFlow.js backend) is prepared first,
 * once per process, because plans call user functions synchronously.
 */
import { ConfigError } from '../harness/errors.js';
import { ALERT_MODELS, ALERTS_WORKLOAD, AlertsConfig } from './alerts/config.js';
import { alertFigures } from './alerts/figures.js';
import { buildAlertsPlan } from './alerts/plan.js';
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
  /** Outputs whose latency the harness records (the first is the run's headline); `predictions` if absent. */
  readonly latencyOutputs?: readonly string[];
  /** Deterministic headline figures from the run's outputs, by sink name (reports show them). */
  figures?(outputs: Readonly<Record<string, readonly unknown[]>>): Record<string, number>;
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
      const parsed = CryptoConfig.parse(config ?? {});
      return {
        ...buildCryptoPlan(parsed, model as ModelName, seed),
        origin: { model, config: parsed, seed },
      };
    },
  },
};

WORKLOADS[ALERTS_WORKLOAD] = {
  name: ALERTS_WORKLOAD,
  models: ALERT_MODELS,
  latencyOutputs: ['warnings', 'warningCounts', 'sessions'],
  build(config, model) {
    if (model !== 'rules') {
      throw new ConfigError(
        `the ${ALERTS_WORKLOAD} workload has one model, "rules"; got "${model}"`,
        'models',
      );
    }
    const c = (config ?? {}) as { maxOutOfOrdernessMs?: number };
    const { maxOutOfOrdernessMs = 500, ...alerts } = c;
    return buildAlertsPlan({ ...AlertsConfig.parse(alerts), maxOutOfOrdernessMs });
  },
  figures: alertFigures,
};

export function workload(name: string): WorkloadSpec {
  const spec = WORKLOADS[name];
  if (spec === undefined) {
    throw new ConfigError(`unknown workload "${name}"; choose one of ${Object.keys(WORKLOADS).join(', ')}`);
  }
  return spec;
}

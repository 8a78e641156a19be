/**
 * The JSON spec the Java job reads (engines/flink-job JobConfig), from the plan's origin (the model and
 * workload config it was built from) and the engine's knobs. Only the crypto predictor has a Java twin,
 * and only its persistence, linear and SGD models (the LSTM's TensorFlow.js network has none).
 */
import { ConfigError } from '../../harness/errors.js';
import type { Plan } from '../../workloads/plan/index.js';
import type { FlinkRealConfig } from './config.js';

export const JAVA_MODELS = ['persistence', 'linear', 'sgd'] as const;

export interface RunTopics {
  readonly input: string;
  readonly output: string;
  /** The Kafka sink's transactional-id prefix: one per run, kept across a restore. */
  readonly transactionalIdPrefix: string;
}

export function jobSpec(
  plan: Plan,
  knobs: FlinkRealConfig,
  topics: RunTopics,
  /** Local runs: where checkpoints (retained) and the final savepoint go; a cluster uses its own. */
  stateDir: string | null,
): Record<string, unknown> {
  if (plan.workload !== 'crypto-predictor')
    throw new ConfigError(
      `flink-real runs only the crypto-predictor workload, not ${plan.workload}`,
      'workload',
    );
  const origin = plan.origin;
  if (origin === undefined)
    throw new ConfigError(
      'flink-real needs a plan built by workloads/registry.ts (it carries the model and config)',
    );
  if (!(JAVA_MODELS as readonly string[]).includes(origin.model))
    throw new ConfigError(
      `flink-real has no Java twin of model ${origin.model}; it runs ${JAVA_MODELS.join(', ')}`,
      'models',
    );
  return {
    brokers: knobs.brokers.join(','),
    inputTopic: topics.input,
    outputTopic: topics.output,
    transactionalIdPrefix: topics.transactionalIdPrefix,
    model: origin.model,
    workload: origin.config,
    parallelism: knobs.parallelism,
    checkpointIntervalMs: knobs.checkpointIntervalMs,
    checkpointsRetained: knobs.checkpointsRetained,
    autoWatermarkIntervalMs: knobs.autoWatermarkIntervalMs,
    bufferTimeoutMs: knobs.bufferTimeoutMs,
    ...(stateDir === null
      ? {}
      : { checkpointDir: `file://${stateDir}/checkpoints`, savepointDir: `file://${stateDir}/savepoints` }),
  };
}

export function encodeSpec(spec: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(spec)).toString('base64');
}

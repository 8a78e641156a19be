/**
 * The tfjs tensor of a model's parameters, cached outside the keyed state (which holds them as plain
 * numbers) and keyed by the state object: a state restored from a checkpoint is a new object, so its
 * tensor is rebuilt from its numbers; a state whose parameters changed since (a training round bumps
 * `version`) gets a fresh tensor too. Tensors live outside the JS heap, so one whose state object is
 * collected is disposed by a FinalizationRegistry.
 */
import type * as Tf from '@tensorflow/tfjs';
import { tfjs } from './tf-runtime.js';

interface Entry {
  version: number;
  theta: Tf.Tensor1D;
}

const cache = new WeakMap<object, Entry>();
const release = new FinalizationRegistry<Entry>((entry) => entry.theta.dispose());

/** The parameter tensor of `state` at `version`, built from `params` when missing or out of date. */
export function parameterTensor(state: object, version: number, params: readonly number[]): Tf.Tensor1D {
  const entry = cache.get(state);
  if (entry?.version === version && !entry.theta.isDisposed) return entry.theta;
  const theta = tfjs().tensor1d(params as number[], 'float32');
  if (entry === undefined) {
    const fresh = { version, theta };
    cache.set(state, fresh);
    release.register(state, fresh);
  } else {
    entry.theta.dispose();
    entry.version = version;
    entry.theta = theta;
  }
  return theta;
}

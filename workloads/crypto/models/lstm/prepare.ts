/**
 * Readies the LSTM's runtime in this process before a run: loads TensorFlow.js on the chosen backend,
 * then trains a throwaway model once on made-up data. That checks that the backend has every kernel
 * training needs (wasm has lacked some gradient kernels in past tfjs versions) and that it yields
 * finite predictions, and it pays the first-call costs (kernel setup, JIT) before the run's clock starts,
 * as a deployed model would be warm.
 */
import { type LstmParams, lstmModel } from './model.js';
import { type ModelRuntime, prepareTf, type TfBackendChoice } from './tf-runtime.js';

const DIMS = 6;

export async function prepareLstm(backend: TfBackendChoice, params: LstmParams): Promise<ModelRuntime> {
  const runtime = await prepareTf(backend);
  const model = lstmModel(params);
  const state = model.init(DIMS, 1);
  const example = (i: number) => Array.from({ length: DIMS }, (_, j) => Math.sin(i + j));
  for (let i = 0; state.adam.t === 0; i++) model.learn(state, example(i), Math.cos(i) * 1e-3);
  const y = model.predict(state, example(0));
  if (!Number.isFinite(y)) throw new Error(`the lstm gives ${y} on the ${runtime.tfBackend} backend`);
  return runtime;
}

/**
 * A small LSTM over the last `sequenceLength` feature vectors, trained incrementally with TensorFlow.js:
 * every window's (x, y) joins a replay buffer of the most recent `replaySize` labelled sequences, and
 * every `trainEvery` windows the model takes `stepsPerRound` Adam steps on that whole buffer. It
 * predicts on every window with the weights of its last training round; until the first round it
 * predicts 0 (the zero-return baseline).
 *
 * Everything that determines a prediction is plain data in the keyed state (weights, Adam moments,
 * feature and label statistics, the replay buffer), so a checkpoint captures the model and a state
 * restored from JSON predicts exactly as the original. Training and inference are synchronous (engines
 * call user functions synchronously) and every engine issues the same calls in the same order per key,
 * so every engine gets identical predictions on one backend.
 *
 * Remaining nondeterminism: none within a backend (wasm is single-threaded in Node; cpu is plain JS);
 * predictions differ between backends in the last float32 bits (different kernels and summation
 * orders), which Adam then carries forward; `npm run bench:lstm` prints the difference. tfjs-node runs
 * libtensorflow's multi-threaded Eigen kernels, which do not promise a fixed reduction order.
 */
import type * as Tf from '@tensorflow/tfjs';
import type { Model } from '../model.js';
import { emptyStats, observe, type RunningStats } from '../running-stats.js';
import { type AdamState, adamState, adamStep } from './adam.js';
import { forward, lossAndGradient } from './network.js';
import { initialParameters, type Layout, layoutOf } from './parameters.js';
import { flatten, labelScale, sequenceEndingAt, trainingExamples } from './sequences.js';
import { parameterTensor } from './tensor-cache.js';
import { tfjs } from './tf-runtime.js';

export interface LstmParams {
  /** Feature vectors per input sequence (the current one and those before it). */
  readonly sequenceLength: number;
  readonly hiddenUnits: number;
  /** Windows between training rounds: a prediction's model is at most this many windows old. */
  readonly trainEvery: number;
  /** Adam steps per training round, each over the whole replay buffer. */
  readonly stepsPerRound: number;
  /** Most recent labelled sequences kept for training. */
  readonly replaySize: number;
  /** Labelled sequences needed before the first training round. */
  readonly minSamples: number;
  readonly learningRate: number;
}

/**
 * Sized for the default bench (4 engines × 4 models in under 3 minutes on 2 cores, replayed at 50×
 * event time): per wall second ~150 windows arrive, so predictions (~0.4 ms each on wasm) and a
 * training round every 10 windows (~7 ms: 2 Adam steps over 64 sequences) must fit beside the engine.
 * On the generator's feed, 4 steps per round or a 0.01 learning rate scored no better.
 */
export const LSTM_DEFAULTS: LstmParams = {
  sequenceLength: 8,
  hiddenUnits: 8,
  trainEvery: 10,
  stepsPerRound: 2,
  replaySize: 64,
  minSamples: 32,
  learningRate: 0.005,
};

export interface LstmState {
  params: number[];
  adam: AdamState;
  xStats: RunningStats;
  yStats: RunningStats;
  /** Raw features of the most recent learned windows, oldest first, and each one's label. */
  inputs: number[][];
  labels: number[];
  /** Windows learned since the last training round (or since the start): the model's age. */
  sinceTrain: number;
}

export interface LstmModel extends Model<LstmState> {
  /** Forecasts for many raw feature sequences in one network call (batched inference). */
  predictMany(state: LstmState, sequences: readonly (readonly (readonly number[])[])[]): number[];
}

export function lstmModel(p: LstmParams = LSTM_DEFAULTS): LstmModel {
  if (p.minSamples > p.replaySize) throw new RangeError('lstm.minSamples must not exceed lstm.replaySize');
  const layoutFor = (s: LstmState): Layout => layoutOf(s.xStats.mean.length, p.hiddenUnits);
  const tensor3d = (data: Float32Array, batch: number, dims: number): Tf.Tensor3D =>
    tfjs().tensor3d(data, [batch, p.sequenceLength, dims]);

  function train(s: LstmState): void {
    const layout = layoutFor(s);
    const { sequences, targets } = trainingExamples(s.inputs, s.labels, p.sequenceLength);
    const { mean, scale } = labelScale(s.yStats);
    const x = tensor3d(flatten(sequences, p.sequenceLength, s.xStats), sequences.length, layout.dims);
    const y = tfjs().tensor1d(targets.map((v) => (v - mean) / scale));
    try {
      for (let step = 0; step < p.stepsPerRound; step++) {
        const theta = parameterTensor(s, s.adam.t, s.params);
        const { loss, gradient } = lossAndGradient(layout, theta, x, y);
        if (!Number.isFinite(loss)) throw new RangeError(`lstm loss is ${loss} at step ${s.adam.t}`);
        adamStep(s.params, gradient, s.adam, p.learningRate);
      }
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  function predictMany(s: LstmState, sequences: readonly (readonly (readonly number[])[])[]): number[] {
    if (s.adam.t === 0) return sequences.map(() => 0);
    const layout = layoutFor(s);
    const { mean, scale } = labelScale(s.yStats);
    const theta = parameterTensor(s, s.adam.t, s.params);
    const tf = tfjs();
    const out = tf.tidy(() =>
      forward(
        layout,
        theta,
        tensor3d(flatten(sequences, p.sequenceLength, s.xStats), sequences.length, layout.dims),
      ).dataSync(),
    );
    return Array.from(out, (v) => mean + v * scale);
  }

  return {
    name: 'lstm',
    init(dims, seed) {
      const layout = layoutOf(dims, p.hiddenUnits);
      return {
        params: initialParameters(layout, seed),
        adam: adamState(layout.size),
        xStats: emptyStats(dims),
        yStats: emptyStats(1),
        inputs: [],
        labels: [],
        sinceTrain: 0,
      };
    },
    learn(s, x, y) {
      observe(s.xStats, x);
      observe(s.yStats, [y]);
      s.inputs.push([...x]);
      s.labels.push(y);
      const keep = p.replaySize + p.sequenceLength - 1;
      if (s.inputs.length > keep) {
        s.inputs.splice(0, s.inputs.length - keep);
        s.labels.splice(0, s.labels.length - keep);
      }
      s.sinceTrain++;
      const examples = s.inputs.length - p.sequenceLength + 1;
      if (examples >= p.minSamples && (s.adam.t === 0 || s.sinceTrain >= p.trainEvery)) {
        train(s);
        s.sinceTrain = 0;
      }
    },
    predict: (s, x) => predictMany(s, [sequenceEndingAt(s.inputs, x, p.sequenceLength)])[0],
    predictMany,
    ageWindows: (s) => s.sinceTrain,
  };
}

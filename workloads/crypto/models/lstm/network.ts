/**
 * The LSTM written out in TensorFlow.js ops over the flat parameter vector θ (see parameters.ts), for
 * a batch of sequences x [batch, steps, dims] → one prediction per sequence [batch]:
 *
 *   z_t = x_t·K + h_{t−1}·R + b        split into i, f, g, o
 *   c_t = σ(f)⊙c_{t−1} + σ(i)⊙tanh(g)     h_t = σ(o)⊙tanh(c_t)        ŷ = h_T·d + d₀
 *
 * Written out rather than built with tf.layers so that θ stays a plain tensor whose gradient one
 * `tf.valueAndGrad` call gives (no tfjs Variables or optimizer state outside the keyed state), and so
 * there is no per-call layers overhead. Everything here is synchronous.
 */
import type * as Tf from '@tensorflow/tfjs';
import type { Layout } from './parameters.js';
import { tfjs } from './tf-runtime.js';

/** Predictions for a batch of sequences; the caller owns (and disposes) the result. */
export function forward(layout: Layout, theta: Tf.Tensor1D, x: Tf.Tensor3D): Tf.Tensor1D {
  const tf = tfjs();
  const { dims, units } = layout;
  const [batch, steps] = x.shape;
  return tf.tidy(() => {
    const block = (from: number, to: number) => theta.slice(from, to - from);
    const kernel = block(layout.kernel, layout.recurrentKernel).reshape([dims, 4 * units]);
    const recurrent = block(layout.recurrentKernel, layout.bias).reshape([units, 4 * units]);
    const bias = block(layout.bias, layout.dense);
    const dense = block(layout.dense, layout.denseBias).reshape([units, 1]);
    const denseBias = block(layout.denseBias, layout.size);
    // Input projections of every step in one matMul: [batch·steps, dims]·K.
    const projected = x
      .reshape([batch * steps, dims])
      .matMul(kernel)
      .add(bias)
      .reshape([batch, steps, 4 * units]);
    // tf.split, not tf.unstack (whose gradient fails for one step in tfjs 4.22) nor a slice per step
    // (whose gradients pad every step back to the full shape): split's gradient is one concat.
    const perStep = tf.split(projected, steps, 1);
    let h: Tf.Tensor2D = tf.zeros([batch, units]);
    let c: Tf.Tensor2D = tf.zeros([batch, units]);
    for (const step of perStep) {
      const z = step.reshape([batch, 4 * units]).add(h.matMul(recurrent));
      const [i, f, g, o] = tf.split(z, 4, 1);
      c = tf
        .sigmoid(f)
        .mul(c)
        .add(tf.sigmoid(i).mul(tf.tanh(g)));
      h = tf.sigmoid(o).mul(tf.tanh(c));
    }
    return h.matMul(dense).add(denseBias).reshape([batch]);
  });
}

/** Mean squared error of the batch and its gradient with respect to θ, as plain arrays. */
export function lossAndGradient(
  layout: Layout,
  theta: Tf.Tensor1D,
  x: Tf.Tensor3D,
  y: Tf.Tensor1D,
): { loss: number; gradient: Float32Array } {
  const tf = tfjs();
  return tf.tidy(() => {
    const mse = (t: Tf.Tensor1D) => forward(layout, t, x).sub(y).square().mean() as Tf.Scalar;
    const { value, grad } = tf.valueAndGrad(mse)(theta);
    return { loss: value.dataSync()[0], gradient: grad.dataSync() as Float32Array };
  });
}

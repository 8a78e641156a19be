/**
 * The LSTM's parameters as one flat array of numbers (JSON-able, so keyed state and checkpoints hold
 * them), in this fixed layout for `dims` inputs and `units` hidden units, gates ordered i, f, g, o:
 *
 *   kernel            dims × 4·units   input → gates
 *   recurrentKernel   units × 4·units  hidden → gates
 *   bias              4·units          forget-gate slice starts at 1 (Keras' unitForgetBias)
 *   dense             units            hidden → prediction
 *   denseBias         1
 *
 * Initialised from the seed (xoroshiro128+) with Glorot-uniform draws for both kernels and the dense
 * layer, zero biases but the forget gate's. Keras initialises the recurrent kernel orthogonally; over
 * sequences of a few steps its conditioning matters little, and Glorot keeps this short.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export interface Layout {
  readonly dims: number;
  readonly units: number;
  readonly kernel: number;
  readonly recurrentKernel: number;
  readonly bias: number;
  readonly dense: number;
  readonly denseBias: number;
  /** Total number of parameters. */
  readonly size: number;
}

/** Offsets of each block in the flat array. */
export function layoutOf(dims: number, units: number): Layout {
  if (!(Number.isInteger(dims) && dims > 0 && Number.isInteger(units) && units > 0))
    throw new RangeError(`LSTM needs positive integer dims and units, got ${dims} and ${units}`);
  const gates = 4 * units;
  const kernel = 0;
  const recurrentKernel = kernel + dims * gates;
  const bias = recurrentKernel + units * gates;
  const dense = bias + gates;
  const denseBias = dense + units;
  return { dims, units, kernel, recurrentKernel, bias, dense, denseBias, size: denseBias + 1 };
}

/** Seeded initial parameters: the same seed always gives the same array. */
export function initialParameters(layout: Layout, seed: number): number[] {
  const rng = xoroshiro128plus(seed | 0);
  const uniform = () => ((rng.next() >>> 0) + 0.5) / 4294967296;
  const glorot = (fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return (2 * uniform() - 1) * limit;
  };
  const { dims, units } = layout;
  const w = new Array<number>(layout.size).fill(0);
  for (let k = layout.kernel; k < layout.recurrentKernel; k++) w[k] = glorot(dims, 4 * units);
  for (let k = layout.recurrentKernel; k < layout.bias; k++) w[k] = glorot(units, 4 * units);
  for (let k = 0; k < units; k++) w[layout.bias + units + k] = 1;
  for (let k = layout.dense; k < layout.denseBias; k++) w[k] = glorot(units, 1);
  return w;
}

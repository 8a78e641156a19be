/**
 * TensorFlow.js for the LSTM model: loaded and set up once per process by `prepareTf` (async, because
 * backend initialisation is), then used synchronously by the model through `tfjs()`, since engines call
 * user functions synchronously. Loaded lazily so that runs of the other models do not pay its ~0.4 s
 * import.
 *
 * Backends:
 *   node  `@tensorflow/tfjs-node` (libtensorflow); an optional dependency, because its install script
 *         downloads libtensorflow and fails where only the npm registry is reachable
 *   wasm  `@tensorflow/tfjs-backend-wasm` (XNNPACK, SIMD, single-threaded in Node); the default
 *   cpu   the pure-JavaScript backend bundled with `@tensorflow/tfjs`
 *   auto  node when it loads, else wasm
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as Tf from '@tensorflow/tfjs';

export const TF_BACKENDS = ['auto', 'wasm', 'cpu', 'node'] as const;
export type TfBackendChoice = (typeof TF_BACKENDS)[number];
export type TfBackend = Exclude<TfBackendChoice, 'auto'>;

/** Facts about the model runtime a run used, for its result. */
export interface ModelRuntime {
  readonly tfBackend: TfBackend;
  readonly tfVersion: string;
  /** Whether the wasm backend runs its SIMD build (absent for the other backends). */
  readonly wasmSimd?: boolean;
}

/** The name each backend registers under in tfjs. */
const REGISTERED: Record<TfBackend, string> = { node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };
/** Held in a variable so TypeScript does not require the optional package at compile time. */
const TFJS_NODE = '@tensorflow/tfjs-node';

let tf: typeof Tf | undefined;
let active: ModelRuntime | undefined;

/** The prepared TensorFlow.js; throws if `prepareTf` has not run in this process. */
export function tfjs(): typeof Tf {
  if (tf === undefined || active === undefined)
    throw new Error('TensorFlow.js is not prepared: await prepareTf() (the workload prepare hook) first');
  return tf;
}

/** Loads TensorFlow.js (once) and switches to the chosen backend; returns what it runs on. */
export async function prepareTf(choice: TfBackendChoice): Promise<ModelRuntime> {
  const lib = await loadTf();
  const backend = choice === 'auto' ? ((await nodeBackendLoads()) ? 'node' : 'wasm') : choice;
  if (active?.tfBackend === backend) return active;
  if (backend === 'node' && !(await nodeBackendLoads()))
    throw new Error(`--tf-backend node: ${TFJS_NODE} is not installed (its binary download failed?)`);
  if (backend === 'wasm') await registerWasm();
  if (!(await lib.setBackend(REGISTERED[backend])))
    throw new Error(`tfjs backend ${backend} failed to start`);
  await lib.ready();
  const wasmSimd =
    backend === 'wasm' ? Boolean(await lib.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : undefined;
  active = {
    tfBackend: backend,
    tfVersion: lib.version.tfjs,
    ...(wasmSimd === undefined ? {} : { wasmSimd }),
  };
  return active;
}

/** True when `@tensorflow/tfjs-node` is installed and its native addon loads. */
export async function nodeBackendLoads(): Promise<boolean> {
  try {
    await import(TFJS_NODE);
    return true;
  } catch {
    return false;
  }
}

async function loadTf(): Promise<typeof Tf> {
  if (tf === undefined) {
    const lib = await import('@tensorflow/tfjs');
    // Production mode drops per-op debug checks and the "install tfjs-node" banner of the cpu backend.
    lib.enableProdMode();
    tf = lib;
  }
  return tf;
}

let wasmRegistered = false;

/** Registers the wasm backend, pointing it at the `.wasm` binaries shipped in its npm package. */
async function registerWasm(): Promise<void> {
  if (wasmRegistered) return;
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  wasmRegistered = true;
}

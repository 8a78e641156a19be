/**
 * `npm run bench:lstm`: the LSTM model's training and inference throughput per TensorFlow.js backend
 * (wasm and cpu, and node when tfjs-node is installed), and per-event against batched inference, in one
 * process and one run (tinybench; medians quoted). Batched inference is what a micro-batch engine could
 * do with a whole batch of windows; the engines call the model once per window.
 *
 *   train round      one training round as the workload runs it: stepsPerRound Adam steps over the
 *                    replay buffer (replaySize sequences)
 *   predict 1 × B    B predictions, one network call each (per event)
 *   predict B        the same B sequences in one network call (batched)
 *
 * It also prints how far each backend's predictions are from the first backend's, after the same
 * training from the same seed (float32 kernels differ between backends).
 *
 *   npm run bench:lstm -- [--backends wasm,cpu,node] [--batch 32] [--profile default|full]
 *                         [--iterations 15] [--json out.json]
 */
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import {
  type LstmModel,
  type LstmParams,
  type LstmState,
  lstmModel,
} from '../../workloads/crypto/models/lstm/model.js';
import {
  nodeBackendLoads,
  prepareTf,
  TF_BACKENDS,
  type TfBackend,
} from '../../workloads/crypto/models/lstm/tf-runtime.js';
import { FEATURE_NAMES } from '../../workloads/crypto/records.js';
import { PROFILES } from '../config/profiles.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { collectProvenance } from '../results/provenance.js';

const { values: args } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm,cpu,node' },
    batch: { type: 'string', default: '32' },
    profile: { type: 'string', default: 'default' },
    iterations: { type: 'string', default: '15' },
    json: { type: 'string' },
  },
});
const batch = Number(args.batch);
const iterations = Number(args.iterations);
if (!(Number.isInteger(batch) && batch > 0)) throw new Error('--batch must be a positive integer');
if (!(args.profile in PROFILES))
  throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
const profile = PROFILES[args.profile as keyof typeof PROFILES] as { workloadConfig?: { lstm?: object } };
const params: LstmParams = CryptoConfig.parse({ lstm: profile.workloadConfig?.lstm ?? {} }).lstm;
const dims = FEATURE_NAMES.length;

/** Deterministic made-up feature vectors (LCG), the same for every backend. */
function features(n: number): number[][] {
  let s = 12345;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return Array.from({ length: n }, () => Array.from({ length: dims }, u));
}
const history = features(params.replaySize + params.sequenceLength + batch + 1);
const sequences = Array.from({ length: batch }, (_, b) => history.slice(b, b + params.sequenceLength));

/**
 * A state whose replay buffer is full, trained as the workload trains (a round every `trainEvery`
 * windows), and a model over it whose every `learn` is a training round (`trainEvery: 1`).
 */
function trainedModel(): { model: LstmModel; state: LstmState } {
  const filler = lstmModel(params);
  const state = filler.init(dims, 42);
  for (const [i, x] of history.entries()) filler.learn(state, x, x[0] * 1e-3 + (i % 3) * 1e-4);
  return { model: lstmModel({ ...params, trainEvery: 1 }), state };
}

const choices: readonly string[] = TF_BACKENDS.filter((b) => b !== 'auto');
const requested = args.backends.split(',').filter(Boolean);
for (const b of requested) if (!choices.includes(b)) throw new Error(`unknown backend "${b}" (${choices})`);
const skipped: string[] = [];
const backends: TfBackend[] = [];
for (const b of requested as TfBackend[]) {
  if (b === 'node' && !(await nodeBackendLoads())) skipped.push('node (tfjs-node is not installed)');
  else backends.push(b);
}

interface Row {
  backend: TfBackend;
  trainRoundMs: number;
  perEventMs: number;
  batchedMs: number;
  maxAbsDiff: number;
}
const rows: Row[] = [];
const reference: number[] = [];
let tfVersion = '';
let wasmSimd: boolean | undefined;
for (const backend of backends) {
  const runtime = await prepareTf(backend);
  tfVersion = runtime.tfVersion;
  wasmSimd ??= runtime.wasmSimd;
  const { model, state } = trainedModel();
  const predictions = model.predictMany(state, sequences);
  if (reference.length === 0) reference.push(...predictions);
  const maxAbsDiff = Math.max(...predictions.map((p, i) => Math.abs(p - reference[i])));
  const bench = new Bench({ iterations, time: 0, warmupIterations: 3, warmupTime: 0, throws: true });
  const x = history[history.length - 1];
  bench
    .add('train round', () => model.learn(state, x, 1e-4))
    .add('predict 1 × B', () => {
      for (const seq of sequences) model.predictMany(state, [seq]);
    })
    .add('predict B', () => {
      model.predictMany(state, sequences);
    });
  process.stderr.write(`${backend}: ${bench.tasks.length} tasks × (3 warm-up + ${iterations} measured)...\n`);
  await bench.run();
  const median = (name: string) => {
    const r = bench.getTask(name)?.result;
    if (r?.state !== 'completed') throw new Error(`${backend} ${name}: ${r?.state}`);
    return r.latency.p50;
  };
  rows.push({
    backend,
    trainRoundMs: median('train round'),
    perEventMs: median('predict 1 × B'),
    batchedMs: median('predict B'),
    maxAbsDiff,
  });
}

const perSecond = (count: number, ms: number) => Math.round((count * 1000) / ms).toLocaleString('en-US');
const trained = params.replaySize * params.stepsPerRound;
const out = process.stdout;
out.write(
  `\nLSTM ${params.hiddenUnits} units over ${params.sequenceLength} windows × ${dims} features; a training round ` +
    `is ${params.stepsPerRound} Adam steps over ${params.replaySize} sequences; B = ${batch}; tfjs ${tfVersion}` +
    `${wasmSimd === undefined ? '' : `, wasm SIMD ${wasmSimd}`}; medians of ${iterations}; |Δ| in log return\n`,
);
const header = ['backend', 'train round ms', 'train seq/s', 'per-event ms', 'per-event seq/s'];
header.push(`batch(${batch}) ms`, 'batched seq/s', 'batch gain', `max |Δ| vs ${rows[0]?.backend}`);
out.write(`${header.map((h, i) => (i === 0 ? h.padEnd(8) : h.padStart(17))).join('')}\n`);
for (const r of rows) {
  const cells = [
    r.trainRoundMs.toFixed(2),
    perSecond(trained, r.trainRoundMs),
    (r.perEventMs / batch).toFixed(3),
    perSecond(batch, r.perEventMs),
    r.batchedMs.toFixed(3),
    perSecond(batch, r.batchedMs),
    `${(r.perEventMs / r.batchedMs).toFixed(1)}×`,
    r.maxAbsDiff.toExponential(1),
  ];
  out.write(`${r.backend.padEnd(8)}${cells.map((c) => c.padStart(17)).join('')}\n`);
}
for (const s of skipped) out.write(`skipped: ${s}\n`);
const command = [
  'npm run bench:lstm',
  ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
].join(' ');
out.write(`command: ${command}\n`);
if (args.json) {
  const provenance = collectProvenance(command, new Date());
  writeFileAtomic(args.json, `${JSON.stringify({ provenance, params, batch, tfVersion, rows }, null, 2)}\n`);
}

/**
 * The results JSON: one file per `flinkcoin bench` invocation, versioned and self-describing.
 * Deterministic figures (accuracy, output counts and digests) are kept apart from timing figures
 * (latency, throughput, resources), because only the latter may differ between two runs of one seed.
 * Every figure's unit is in its name or its parent's `unit` field. See docs/contracts.md.
 */
import { z } from 'zod';

export const RESULTS_SCHEMA_VERSION = 1;

/** A latency distribution from an HdrHistogram, in milliseconds. */
export const LatencySummary = z.object({
  unit: z.literal('ms'),
  count: z.number().int().nonnegative(),
  min: z.number(),
  mean: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  p999: z.number(),
  max: z.number(),
  /** CDF points for charts: [latency ms, fraction of outputs at or below]. */
  cdf: z.array(z.tuple([z.number(), z.number()])),
  /** The full histogram, HdrHistogram's compressed base64 encoding (microseconds), for merging runs. */
  hdrBase64: z.string(),
});
export type LatencySummary = z.infer<typeof LatencySummary>;

/** Accuracy of one predictor over the scored predictions. */
export const ErrorFigures = z.object({
  count: z.number().int().nonnegative(),
  rmse: z.number().nullable(),
  mae: z.number().nullable(),
  /** Fraction of outcomes with a non-zero move whose sign the prediction got right. */
  directionalAccuracy: z.number().nullable(),
  /** Outcomes with a non-zero move: the directional accuracy's sample size. */
  moves: z.number().int().nonnegative().optional(),
  /** Wilson 95% interval of the directional accuracy (a binomial proportion over `moves`). */
  directionalInterval95: z.tuple([z.number(), z.number()]).nullable().optional(),
});
export type ErrorFigures = z.infer<typeof ErrorFigures>;

export const Accuracy = z.object({
  model: ErrorFigures,
  baselines: z.object({ persistence: ErrorFigures, zero: ErrorFigures }),
  /** 1 − RMSE(model) / RMSE(persistence): above 0 beats the random-walk baseline. */
  skillVsPersistence: z.number().nullable(),
  /** 1 − RMSE(model) / RMSE(zero). */
  skillVsZero: z.number().nullable(),
  /**
   * Scored predictions delivered more than once (same product and target), e.g. replayed by an
   * at-least-once engine. Figures use the first delivery of each; the repeats are counted here.
   */
  duplicates: z.number().int().nonnegative().optional(),
  /** Rolling RMSE over event time, for charts: [window start ms, rolling RMSE of model]. */
  rollingRmse: z.array(z.tuple([z.number(), z.number()])),
});
export type Accuracy = z.infer<typeof Accuracy>;

/** Outputs the plan owed but the engine never produced, or produced more than once (harness/metrics/delivery.ts). */
export const Delivery = z.object({
  predictionsMissing: z.number().int().nonnegative(),
  predictionsDuplicated: z.number().int().nonnegative(),
  scoredMissing: z.number().int().nonnegative(),
  scoredDuplicated: z.number().int().nonnegative(),
});
export type Delivery = z.infer<typeof Delivery>;

/** Figures that the same config and seed reproduce exactly on every engine in a failure-free run. */
export const Deterministic = z.object({
  accuracy: Accuracy,
  outputs: z.record(z.string(), z.object({ count: z.number().int(), sha256: z.string() })),
  /** Absent in results before it existed. */
  delivery: Delivery.optional(),
  input: z.object({
    events: z.number().int(),
    /** Lines set aside (malformed, unknown type, bad price, out of order, duplicate) plus sequence gaps. */
    rejected: z.number().int(),
    /** `rejected` by kind (see datasets/reject-kinds.ts); absent in results before it existed. */
    rejectedByKind: z.record(z.string(), z.number().int()).optional(),
    rejectedSamples: z.array(
      z.object({
        file: z.string(),
        line: z.number(),
        field: z.string(),
        reason: z.string(),
        kind: z.string().optional(),
      }),
    ),
  }),
});
export type Deterministic = z.infer<typeof Deterministic>;

/** Predictions that arrived before the window they forecast had ended in the replay (paced runs only). */
export const Timeliness = z.object({
  scored: z.number().int().nonnegative(),
  actionable: z.number().int().nonnegative(),
  actionableShare: z.number().nullable(),
  /** Median of (window end in the replay − delivery), ms: how early a typical forecast arrived. */
  medianSlackMs: z.number().nullable(),
  /** The model's accuracy over actionable predictions only. */
  accuracy: ErrorFigures,
});
export type Timeliness = z.infer<typeof Timeliness>;

export const Timing = z.object({
  wallMs: z.number(),
  warmupMs: z.number(),
  measuredMs: z.number(),
  eventsIngested: z.number().int(),
  eventsMeasured: z.number().int(),
  /** Input events per second of wall time over the measured phase. */
  throughputEventsPerSec: z.number(),
  /** Input events ingested per 100 ms bucket: [ms since start, events]. */
  throughputTimeline: z.array(z.tuple([z.number(), z.number()])),
  latency: z.object({
    /** Ingestion by the engine's source → sink. */
    processingTime: LatencySummary,
    /** The driver's intended emission time → sink (includes queueing before ingestion). Null when unpaced. */
    eventTime: LatencySummary.nullable(),
  }),
  /**
   * Latency per output kind, for a workload that times several outputs (alerts: warnings, warning
   * counts, sessions); `latency` is then the first of them. Absent for one timed output.
   */
  latencyByOutput: z
    .record(z.string(), z.object({ processingTime: LatencySummary, eventTime: LatencySummary.nullable() }))
    .optional(),
  /** Per 100 ms bucket of sink time: [ms since start, max processing-time latency ms in the bucket]. */
  latencyTimeline: z.array(z.tuple([z.number(), z.number()])),
  resources: z.object({ cpuUserMs: z.number(), cpuSystemMs: z.number(), peakRssBytes: z.number() }),
  /** Null when unpaced (no replay clock to be timely against); absent in results before it existed. */
  timeliness: Timeliness.nullable().optional(),
});
export type Timing = z.infer<typeof Timing>;

/** One point of a knob sweep: the knob's value and the driver's rate that this run used. */
export const SweepPoint = z.object({
  /** Short text for tables and legends, e.g. `bufferTimeoutMs=5 @ 20000 ev/s`. */
  label: z.string(),
  /** The swept setting, as given to --set (e.g. `flink.bufferTimeoutMs`). */
  knob: z.string(),
  value: z.unknown(),
  /** Open-loop rate of this run (events/s), or null when unpaced or paced by speed. */
  rate: z.number().nullable(),
});
export type SweepPoint = z.infer<typeof SweepPoint>;

const RunBase = z.object({
  engine: z.string(),
  model: z.string(),
  workload: z.string(),
  /** How the run was isolated: each engine × model in a fresh process, or in the caller's process. */
  process: z.enum(['fresh-process', 'in-process']),
  engineConfig: z.record(z.string(), z.unknown()),
  /** Set on the runs of a sweep: which point of the sweep this run is (see `flinkcoin sweep`). */
  variant: SweepPoint.optional(),
  /**
   * Which repetition of its engine × model this run is (0-based, `bench --repeat N`); absent in results
   * from before repetitions, which count as repetition 0. Reports and `compare` take medians across them.
   */
  repetition: z.number().int().nonnegative().optional(),
});

/**
 * One injected fault and how long the run took to get through each recovery phase, in ms after the
 * injection (each measured from the injection, so they never decrease); null when the engine has no such
 * phase (Storm restores no state) or never reached it.
 */
export const FaultRecovery = z.object({
  /** The fault injected, e.g. `kill-task`. */
  kind: z.string(),
  /** When the fault was injected, ms since the run started (the origin of the timelines). */
  injectedAtMs: z.number(),
  /** The engine noticed the failure. */
  detectedMs: z.number().nullable(),
  /** The failed tasks were running again. */
  restartedMs: z.number().nullable(),
  /** State was restored (from a checkpoint, or rolled back). */
  restoredMs: z.number().nullable(),
  /** The backlog built up since the fault was drained. */
  caughtUpMs: z.number().nullable(),
});
export type FaultRecovery = z.infer<typeof FaultRecovery>;

/**
 * The output-correctness oracle of one sink: every output of the faulty run classified against the
 * failure-free run of the same seed (by output id): `correct` (first delivery, same value), `duplicate`
 * (an id delivered again), `wrong` (first delivery, different value), `missing` (never delivered).
 */
export const OracleCounts = z.object({
  correct: z.number().int(),
  duplicate: z.number().int(),
  wrong: z.number().int(),
  missing: z.number().int(),
});
export type OracleCounts = z.infer<typeof OracleCounts>;

/** The recovery timeline of a run that had faults injected. */
export const Recovery = z.object({
  faults: z.array(FaultRecovery),
  /** How the run was executed: `worker-process` = the engine in a child process the harness can kill. */
  execution: z.enum(['in-process', 'worker-process']).optional(),
  /** Worker processes started (1 + restarts after a crash). */
  workers: z.number().int().optional(),
  /** Per sink, against the failure-free reference. */
  oracle: z.record(z.string(), OracleCounts).optional(),
  /** State divergence from the failure-free run, seen in what the state produced. */
  divergence: z
    .object({
      /** RMSE of this run − RMSE of the failure-free run (0 when the model state survived). */
      rmseDelta: z.number().nullable(),
      /** Predictions whose value differs from the failure-free run's (wrong), of those compared. */
      predictionsDiffering: z.number().int(),
    })
    .optional(),
});
export type Recovery = z.infer<typeof Recovery>;

export const CompletedRun = RunBase.extend({
  state: z.literal('completed'),
  timing: Timing,
  deterministic: Deterministic,
  /** Counters from user functions and the engine (duplicates dropped, late events, expired joins...). */
  counters: z.record(z.string(), z.number()),
  engineMetrics: z.record(z.string(), z.number()),
  /** Present when faults were injected into the run: when each was detected and recovered from. */
  recovery: Recovery.optional(),
  /** The workload's deterministic headline figures (alerts: warnings, sessions, lengths); absent for others. */
  workloadFigures: z.record(z.string(), z.number()).optional(),
  /** The model's runtime, when it has one: the LSTM's TensorFlow.js backend and version. */
  modelRuntime: z
    .object({
      tfBackend: z.enum(['wasm', 'cpu', 'node']),
      tfVersion: z.string(),
      wasmSimd: z.boolean().optional(),
    })
    .optional(),
});
export type CompletedRun = z.infer<typeof CompletedRun>;

export const ErroredRun = RunBase.extend({
  state: z.literal('errored'),
  error: z.object({ name: z.string(), message: z.string(), stack: z.string().optional() }),
});
export type ErroredRun = z.infer<typeof ErroredRun>;

/** A run's result, typed by its state (as tinybench): only completed runs carry figures. */
export const RunResult = z.discriminatedUnion('state', [CompletedRun, ErroredRun]);
export type RunResult = z.infer<typeof RunResult>;

/**
 * A fixed CPU-bound loop timed at the start of a bench (harness/results/calibration.ts): how fast this
 * machine ran plain JIT-compiled JavaScript then, so `compare` can tell a slower machine from slower code.
 */
export const Calibration = z.object({
  /** Which loop was timed; only timings of the same loop are comparable. */
  loop: z.string(),
  samplesMs: z.array(z.number().positive()),
  medianMs: z.number().positive(),
});
export type Calibration = z.infer<typeof Calibration>;

export const Provenance = z.object({
  flinkcoinVersion: z.string(),
  gitCommit: z.string().nullable(),
  gitDirty: z.boolean().nullable(),
  node: z.string(),
  v8: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpuModel: z.string(),
  cpuCount: z.number().int(),
  totalMemoryBytes: z.number(),
  command: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Absent in results from before calibration existed; `compare` then leaves timings unnormalised. */
  calibration: Calibration.optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const Results = z.object({
  kind: z.literal('flinkcoin.results'),
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  runId: z.string(),
  provenance: Provenance,
  /** The resolved configuration the runs used (after defaults, file and --set overrides). */
  config: z.record(z.string(), z.unknown()),
  dataset: z.record(z.string(), z.unknown()),
  /** Always present in reports: these engines emulate execution models; they are not the real systems. */
  disclaimer: z.string(),
  runs: z.array(RunResult),
});
export type Results = z.infer<typeof Results>;

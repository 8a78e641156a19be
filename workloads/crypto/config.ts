/** The crypto predictor's settings: window, watermark bound, which model, and the models' parameters. */
import { z } from 'zod';
import { SCHEDULES } from './models/learning-rate.js';
import { LSTM_DEFAULTS } from './models/lstm/model.js';
import { RIDGE_DEFAULTS } from './models/ridge.js';
import { SGD_DEFAULTS } from './models/sgd.js';

export const MODEL_NAMES = ['persistence', 'linear', 'sgd', 'lstm'] as const;

export const CryptoConfig = z
  .object({
    /** Feature window length (event time). */
    windowMs: z.number().int().min(1).default(1000),
    /** Watermark bound: the most an event may arrive behind the newest one without being late. */
    maxOutOfOrdernessMs: z.number().min(0).default(500),
    /** Unmatched predictions and outcomes are dropped this many windows after their target. */
    joinExpiryWindows: z.number().int().min(1).default(3),
    /** `linear`: ridge regression refit in closed form on a sliding window (models/ridge.ts). */
    ridge: z
      .object({
        windowSize: z.number().int().min(2).default(RIDGE_DEFAULTS.windowSize),
        refitEvery: z.number().int().min(1).default(RIDGE_DEFAULTS.refitEvery),
        lambda: z.number().min(0).default(RIDGE_DEFAULTS.lambda),
        minSamples: z.number().int().min(2).default(RIDGE_DEFAULTS.minSamples),
      })
      .strict()
      .prefault({}),
    /** `sgd`: online linear regression, River's LinearRegression defaults (models/sgd.ts). */
    sgd: z
      .object({
        /** constant η, or invscaling η/(t+1)^power. */
        schedule: z.enum(SCHEDULES).default(SGD_DEFAULTS.schedule),
        learningRate: z.number().positive().default(SGD_DEFAULTS.learningRate),
        power: z.number().positive().default(SGD_DEFAULTS.power),
        interceptLr: z.number().min(0).default(SGD_DEFAULTS.interceptLr),
        l2: z.number().min(0).default(SGD_DEFAULTS.l2),
        clipGradient: z.number().positive().default(SGD_DEFAULTS.clipGradient),
      })
      .strict()
      .prefault({}),
    /** `lstm`: a small TensorFlow.js LSTM retrained on a replay buffer (models/lstm/model.ts). */
    lstm: z
      .object({
        sequenceLength: z.number().int().min(1).default(LSTM_DEFAULTS.sequenceLength),
        hiddenUnits: z.number().int().min(1).default(LSTM_DEFAULTS.hiddenUnits),
        trainEvery: z.number().int().min(1).default(LSTM_DEFAULTS.trainEvery),
        stepsPerRound: z.number().int().min(1).default(LSTM_DEFAULTS.stepsPerRound),
        replaySize: z.number().int().min(1).default(LSTM_DEFAULTS.replaySize),
        minSamples: z.number().int().min(1).default(LSTM_DEFAULTS.minSamples),
        learningRate: z.number().positive().default(LSTM_DEFAULTS.learningRate),
      })
      .strict()
      .refine((l) => l.minSamples <= l.replaySize, {
        message: 'lstm.minSamples must not exceed lstm.replaySize',
        path: ['minSamples'],
      })
      .prefault({}),
  })
  .strict();
export type CryptoConfig = z.infer<typeof CryptoConfig>;
export type ModelName = (typeof MODEL_NAMES)[number];

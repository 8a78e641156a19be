/** The crypto predictor's settings: window, watermark bound, which model, and the model's parameters. */
import { z } from 'zod';
import { RIDGE_DEFAULTS } from './models/ridge.js';

export const MODEL_NAMES = ['persistence', 'linear'] as const;

export const CryptoConfig = z
  .object({
    /** Feature window length (event time). */
    windowMs: z.number().int().min(1).default(1000),
    /** Watermark bound: the most an event may arrive behind the newest one without being late. */
    maxOutOfOrdernessMs: z.number().min(0).default(500),
    /** Unmatched predictions and outcomes are dropped this many windows after their target. */
    joinExpiryWindows: z.number().int().min(1).default(3),
    ridge: z
      .object({
        windowSize: z.number().int().min(2).default(RIDGE_DEFAULTS.windowSize),
        refitEvery: z.number().int().min(1).default(RIDGE_DEFAULTS.refitEvery),
        lambda: z.number().min(0).default(RIDGE_DEFAULTS.lambda),
        minSamples: z.number().int().min(2).default(RIDGE_DEFAULTS.minSamples),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type CryptoConfig = z.infer<typeof CryptoConfig>;
export type ModelName = (typeof MODEL_NAMES)[number];

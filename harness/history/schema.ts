/**
 * One entry of the results history (`history/`, one JSON file per commit, appended by `bench:ci`): the
 * medians of every figure per engine × model, with the commit, date and machine they came from. Much
 * smaller than a results file (no histograms, no timelines), so a history of hundreds of commits stays
 * small enough to keep in the repository, as asv keeps one results JSON per machine and commit.
 */
import { z } from 'zod';

export const HISTORY_SCHEMA_VERSION = 1;

export const HistoryGroup = z.object({
  engine: z.string(),
  model: z.string(),
  /** Completed repetitions the medians are taken over. */
  repetitions: z.number().int().nonnegative(),
  /** Figure key (as in `compare`: `throughput`, `latency.processingTime.p99`, `accuracy.rmse`...) → median. */
  figures: z.record(z.string(), z.number().nullable()),
});
export type HistoryGroup = z.infer<typeof HistoryGroup>;

export const HistoryEntry = z.object({
  kind: z.literal('flinkcoin.history'),
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  commit: z.string().nullable(),
  /** Uncommitted changes were present: the entry is not exactly the commit's. */
  dirty: z.boolean().nullable(),
  /** When the bench started (ISO 8601): entries are ordered by it. */
  date: z.string(),
  runId: z.string(),
  /** The bench's calibration loop median, so a reader can tell a machine change from a code change. */
  calibrationMs: z.number().nullable(),
  machine: z.string(),
  groups: z.array(HistoryGroup),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

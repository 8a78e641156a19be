/**
 * The Spark-style engine: Structured Streaming's micro-batch execution model.
 *
 *   Plan ─planPhysical─▶ stages ─MicroBatchExecution─▶ per trigger: offsets/N → batch job → sinks → commits/N
 *
 * Every trigger plans an offset range, logs it ahead, runs the batch as a whole (batch-at-a-time
 * operators over arrays, stages split at shuffles), hands the outputs to the sinks and commits. State
 * lives in versioned state stores, the watermark advances between batches, and a query restarted on the
 * same checkpointLocation reruns its uncommitted batch with the same offsets (exactly once end to end).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, EngineReport, JobSpec } from '../contract.js';
import { CounterSet } from '../shared/counters.js';
import { Checkpoint } from './checkpoint/checkpoint.js';
import { SparkConfig } from './config.js';
import { MicroBatchExecution } from './micro-batch-execution.js';

/** The engine the registry exposes as "spark": parses its knobs, opens the checkpoint, runs the query. */
export const sparkEngine: Engine = {
  name: 'spark',
  description:
    'Spark-style micro-batch (an emulation of Structured Streaming, not Apache Spark): triggers, ' +
    'write-ahead offset log and commit log, batch-at-a-time stages split at shuffles, versioned state ' +
    'stores, watermarks advanced between batches, idempotent sinks by batch id.',
  async run(job: JobSpec): Promise<EngineReport> {
    const cfg = SparkConfig.parse(job.config);
    const location = cfg.checkpointLocation ?? mkdtempSync(join(tmpdir(), 'flinkcoin-spark-'));
    try {
      const counters = new CounterSet();
      const execution = new MicroBatchExecution(job, cfg, new Checkpoint(location), counters);
      const metrics = await execution.run();
      await Promise.all(Object.values(job.sinks).map((s) => s.close?.()));
      return { counters: Object.fromEntries(counters.values), metrics };
    } finally {
      if (cfg.checkpointLocation === undefined) rmSync(location, { recursive: true, force: true });
    }
  },
};

import { describe, expect, it } from 'vitest';
import { RunConfig } from '../../harness/config/schema.js';
import { RecoveryLog } from '../../harness/metrics/recovery-log.js';
import { runOne } from '../../harness/run/run-one.js';

describe('in-process recovery timelines', () => {
  it('turns what the engine reports into phases after each injection', () => {
    const log = new RecoveryLog();
    log.faultInjected(1100, 'process-crash');
    log.failureDetected(1190);
    log.stateRestored(3100);
    log.caughtUp(5000);
    log.failureDetected(7000); // a task throwing: injected and detected at once
    expect(log.recoveries(1000)).toEqual([
      {
        kind: 'process-crash',
        injectedAtMs: 100,
        detectedMs: 90,
        restartedMs: 2000,
        restoredMs: 2000,
        caughtUpMs: 3900,
      },
      {
        kind: 'task-crash',
        injectedAtMs: 6000,
        detectedMs: 0,
        restartedMs: null,
        restoredMs: null,
        caughtUpMs: null,
      },
    ]);
  });

  it("records a Flink-style task failure and restore in the run's results", async () => {
    const config = RunConfig.parse({
      isolation: 'in-process',
      driver: { pacing: 'unpaced', warmupMs: 0 },
      data: { generator: { messages: 20_000 } },
      engine: {
        flink: { checkpointIntervalMs: 50, failAtEvent: 12_000, exponentialDelayInitialBackoffMs: 10 },
      },
    });
    const run = await runOne(config, 'flink', 'linear', { process: 'in-process' });
    if (run.state !== 'completed') throw new Error(run.error.message);
    expect(run.recovery?.execution).toBe('in-process');
    const [fault] = run.recovery!.faults;
    expect(fault).toMatchObject({ kind: 'task-crash', detectedMs: 0 });
    expect(fault!.restoredMs).not.toBeNull();
  });
});

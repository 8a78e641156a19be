/**
 * The Flink-style engine's checkpoint and restart knobs: Flink's defaults, and the restart strategies'
 * arithmetic (RestartBackoffTimeStrategy) with a fixed random source.
 */
import { describe, expect, it } from 'vitest';
import { FlinkConfig, UNBOUNDED_ATTEMPTS } from '../../engines/flink/config.js';
import { restartStrategyFor } from '../../engines/flink/failover/restart-strategy.js';

const HOUR = 3_600_000;

describe('engines/flink: checkpoint and restart knobs', () => {
  it("defaults to Flink's: checkpointing off, and the exponential-delay and fixed-delay defaults", () => {
    const cfg = FlinkConfig.parse({});
    expect(cfg.checkpointIntervalMs).toBeNull();
    expect(cfg.checkpointingMode).toBe('EXACTLY_ONCE');
    expect(cfg.checkpointStorage).toBeUndefined();
    expect(cfg.checkpointsRetained).toBe(1);
    expect(cfg.restartStrategy).toBeUndefined();
    expect([
      cfg.exponentialDelayInitialBackoffMs,
      cfg.exponentialDelayMaxBackoffMs,
      cfg.exponentialDelayBackoffMultiplier,
      cfg.exponentialDelayResetBackoffThresholdMs,
      cfg.exponentialDelayJitterFactor,
      cfg.exponentialDelayAttempts,
    ]).toEqual([1000, 60_000, 1.5, HOUR, 0.1, UNBOUNDED_ATTEMPTS]);
    expect([cfg.fixedDelayAttempts, cfg.fixedDelayMs]).toEqual([1, 1000]);
    expect(cfg.failAtEvent).toBeUndefined();
  });

  it('rejects unknown knobs, unknown modes, and an initial backoff above the maximum', () => {
    expect(FlinkConfig.safeParse({ checkpointInterval: 100 }).success).toBe(false);
    expect(FlinkConfig.safeParse({ checkpointingMode: 'UNALIGNED' }).success).toBe(false);
    const bad = FlinkConfig.safeParse({
      exponentialDelayInitialBackoffMs: 5000,
      exponentialDelayMaxBackoffMs: 10,
    });
    expect(bad.success).toBe(false);
  });

  it('without restartStrategy: no restart when checkpointing is off, exponential-delay when it is on', () => {
    const off = restartStrategyFor(FlinkConfig.parse({}));
    off.notifyFailure(0);
    expect(off.canRestart()).toBe(false);
    const on = restartStrategyFor(FlinkConfig.parse({ checkpointIntervalMs: 1000 }), () => 0.5);
    on.notifyFailure(0);
    expect(on.canRestart()).toBe(true);
    expect(on.getBackoffTime(0)).toBe(1000);
    const explicitNone = restartStrategyFor(
      FlinkConfig.parse({ checkpointIntervalMs: 1000, restartStrategy: 'none' }),
    );
    explicitNone.notifyFailure(0);
    expect(explicitNone.canRestart()).toBe(false);
  });

  it('exponential-delay: initial · 1.5^k, capped at the maximum, reset after a quiet threshold', () => {
    // random 0.5 puts the jitter at exactly 0.
    const s = restartStrategyFor(FlinkConfig.parse({ restartStrategy: 'exponential-delay' }), () => 0.5);
    const waits: number[] = [];
    let now = 0;
    for (let k = 0; k < 12; k++) {
      s.notifyFailure(now);
      expect(s.canRestart()).toBe(true);
      waits.push(s.getBackoffTime(now));
      now += waits[k] + 10; // the restarted job fails again soon after
    }
    expect(waits.slice(0, 5)).toEqual([1000, 1500, 2250, 3375, 5062]);
    expect(Math.max(...waits)).toBe(60_000);
    expect(waits.at(-1)).toBe(60_000);
    // A failure an hour after the last restart was due starts over at the initial backoff.
    now += HOUR;
    s.notifyFailure(now);
    expect(s.getBackoffTime(now)).toBe(1000);
  });

  it('exponential-delay: jitter spreads ± jitterFactor · backoff, never below the initial backoff', () => {
    const cfg = FlinkConfig.parse({ restartStrategy: 'exponential-delay' });
    const wait = (random: number, failures: number) => {
      const s = restartStrategyFor(cfg, () => random);
      for (let k = 0; k < failures; k++) s.notifyFailure(k);
      return s.getBackoffTime(failures - 1);
    };
    expect(wait(0, 1)).toBe(1000); // 1000 − 100, clamped to the initial backoff
    expect(wait(0.9999, 1)).toBe(1100);
    expect(wait(0, 2)).toBe(1350); // 1500 ± 150
    expect(wait(0.9999, 2)).toBe(1650);
  });

  it('exponential-delay gives up after `attempts` restarts; fixed-delay after its attempts, at a fixed delay', () => {
    const exp = restartStrategyFor(
      FlinkConfig.parse({ restartStrategy: 'exponential-delay', exponentialDelayAttempts: 2 }),
    );
    const expAllowed = [0, 1, 2].map((k) => {
      exp.notifyFailure(k);
      return exp.canRestart();
    });
    expect(expAllowed).toEqual([true, true, false]);
    const fixed = restartStrategyFor(
      FlinkConfig.parse({ restartStrategy: 'fixed-delay', fixedDelayMs: 250 }),
    );
    fixed.notifyFailure(0);
    expect([fixed.canRestart(), fixed.getBackoffTime(0)]).toEqual([true, 250]);
    fixed.notifyFailure(1);
    expect(fixed.canRestart()).toBe(false);
  });
});

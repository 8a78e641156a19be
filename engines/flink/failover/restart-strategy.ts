/**
 * Restart strategies (Flink's RestartBackoffTimeStrategy implementations [F-RS]): on each task failure
 * the job asks whether it may restart and how long to wait first.
 *
 *   none               never restarts (the default without checkpointing)
 *   fixed-delay        up to `attempts` restarts, `delayMs` apart
 *   exponential-delay  (the default with checkpointing, Flink ≥ 1.19) attempt k waits
 *                      initial · multiplier^k ± jitter, clamped to [initial, max]; the attempt count
 *                      resets when the job ran `resetBackoffThresholdMs` since the last restart was due;
 *                      gives up after `attempts` restarts without such a reset
 * Flink merges failures that arrive while a restart is pending into one attempt; here an attempt stops
 * at its first failure, so there is nothing to merge.
 */
import type { FlinkConfig } from '../config.js';

/** Asked by the engine on every task failure: may the job restart, and after how long? */
export interface RestartBackoffTimeStrategy {
  /** Records a failure at wall time `now`. */
  notifyFailure(now: number): void;
  canRestart(): boolean;
  /** Milliseconds to wait, from `now`, before redeploying. */
  getBackoffTime(now: number): number;
}

class NoRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  notifyFailure(): void {}
  canRestart(): boolean {
    return false;
  }
  getBackoffTime(): number {
    return 0;
  }
}

class FixedDelayRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  private attempt = 0;

  constructor(
    private readonly attempts: number,
    private readonly delayMs: number,
  ) {}

  notifyFailure(): void {
    this.attempt++;
  }
  canRestart(): boolean {
    return this.attempt <= this.attempts;
  }
  getBackoffTime(): number {
    return this.delayMs;
  }
}

class ExponentialDelayRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  private attempt = 0;
  private nextRestartAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly multiplier: number,
    private readonly resetThresholdMs: number,
    private readonly jitterFactor: number,
    private readonly attempts: number,
    private readonly random: () => number,
  ) {}

  notifyFailure(now: number): void {
    if (now - this.nextRestartAt >= this.resetThresholdMs) this.attempt = 0;
    this.nextRestartAt = now + this.backoff();
    this.attempt++;
  }
  canRestart(): boolean {
    return this.attempt <= this.attempts;
  }
  getBackoffTime(now: number): number {
    return Math.max(0, this.nextRestartAt - now);
  }

  private backoff(): number {
    const current = Math.floor(this.initialMs * this.multiplier ** this.attempt);
    const offset = Math.floor(current * this.jitterFactor);
    const jitter = offset === 0 ? 0 : Math.floor(this.random() * (2 * offset + 1)) - offset;
    return Math.max(this.initialMs, Math.min(current + jitter, this.maxMs));
  }
}

/** The strategy the knobs select; without `restartStrategy`, Flink's choice by whether checkpointing is on. */
export function restartStrategyFor(cfg: FlinkConfig, random = Math.random): RestartBackoffTimeStrategy {
  const type = cfg.restartStrategy ?? (cfg.checkpointIntervalMs === null ? 'none' : 'exponential-delay');
  switch (type) {
    case 'none':
      return new NoRestartBackoffTimeStrategy();
    case 'fixed-delay':
      return new FixedDelayRestartBackoffTimeStrategy(cfg.fixedDelayAttempts, cfg.fixedDelayMs);
    case 'exponential-delay':
      return new ExponentialDelayRestartBackoffTimeStrategy(
        cfg.exponentialDelayInitialBackoffMs,
        cfg.exponentialDelayMaxBackoffMs,
        cfg.exponentialDelayBackoffMultiplier,
        cfg.exponentialDelayResetBackoffThresholdMs,
        cfg.exponentialDelayJitterFactor,
        cfg.exponentialDelayAttempts,
        random,
      );
  }
}

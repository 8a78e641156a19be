/**
 * The fault run's bookkeeping: the latest retained checkpoint to restore (Flink writes
 * `<dir>/<job id>/chk-<n>/_metadata`; a chk directory without `_metadata` was cut off mid-write), and
 * the recovery phases in ms after the kill, as the results schema's recovery timeline names them:
 *   detected   the JVM's exit was observed
 *   restarted  a new JVM was started with `--restore`
 *   restored   the restored job reported RUNNING (its state and Kafka offsets are back)
 *   caughtUp   the first output after that whose event-time lag is back within the lags seen before the kill
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function latestCheckpoint(dir: string): { path: string; id: number } | null {
  if (!existsSync(dir)) return null;
  let best: { path: string; id: number; mtime: number } | null = null;
  for (const job of readdirSync(dir)) {
    const jobDir = join(dir, job);
    if (!statSync(jobDir).isDirectory()) continue;
    for (const chk of readdirSync(jobDir)) {
      const m = /^chk-(\d+)$/.exec(chk);
      const metadata = join(jobDir, chk, '_metadata');
      if (m === null || !existsSync(metadata)) continue;
      const mtime = statSync(metadata).mtimeMs;
      if (best === null || mtime > best.mtime) best = { path: join(jobDir, chk), id: Number(m[1]), mtime };
    }
  }
  return best && { path: best.path, id: best.id };
}

export class RecoveryClock {
  injectedAt = Number.NaN;
  detectedAt = Number.NaN;
  restartedAt = Number.NaN;
  restoredAt = Number.NaN;
  caughtUpAt = Number.NaN;
  /** Largest event-time lag of outputs before the kill. */
  private maxLagBefore = 0;

  /** Every output read: its wall time and its driver stamp. */
  observe(at: number, createdAt: number): void {
    const lag = at - createdAt;
    if (Number.isNaN(this.injectedAt)) {
      if (lag > this.maxLagBefore) this.maxLagBefore = lag;
      return;
    }
    if (!Number.isNaN(this.restoredAt) && Number.isNaN(this.caughtUpAt) && createdAt >= this.injectedAt) {
      if (lag <= this.maxLagBefore) this.caughtUpAt = at;
    }
  }

  /** Phase times in ms after the injection (NaN → null: never reached). */
  metrics(): Record<string, number> {
    if (Number.isNaN(this.injectedAt)) return {};
    const after = (t: number) => (Number.isNaN(t) ? -1 : t - this.injectedAt);
    return {
      'recovery.detectedMs': after(this.detectedAt),
      'recovery.restartedMs': after(this.restartedAt),
      'recovery.restoredMs': after(this.restoredAt),
      'recovery.caughtUpMs': after(this.caughtUpAt),
    };
  }
}

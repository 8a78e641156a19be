/**
 * The alert workload's headline figures, computed from its outputs after a run (deterministic: the same
 * on every engine in a failure-free run): warnings raised, the busiest count window, sessions and
 * their lengths. The report shows them per engine beside the window-support table.
 */
import type { ActivitySession, PriceWarning, WarningCount } from './records.js';

export function alertFigures(outputs: Readonly<Record<string, readonly unknown[]>>): Record<string, number> {
  const warnings = (outputs.warnings ?? []) as PriceWarning[];
  const counts = (outputs.warningCounts ?? []) as WarningCount[];
  const sessions = (outputs.sessions ?? []) as ActivitySession[];
  const lengths = sessions.map((s) => s.lengthMs).sort((a, b) => a - b);
  const median = lengths.length === 0 ? 0 : lengths[Math.floor(lengths.length / 2)];
  return {
    warnings: warnings.length,
    maxAbsMovePct: Math.max(0, ...warnings.map((w) => Math.abs(w.movePct))),
    warningWindows: counts.length,
    maxWarningsPerWindow: Math.max(0, ...counts.map((c) => c.warnings)),
    sessions: sessions.length,
    sessionMedianLengthMs: median,
    sessionMaxLengthMs: lengths.at(-1) ?? 0,
    sessionMeanTrades:
      sessions.length === 0 ? 0 : sessions.reduce((n, s) => n + s.trades, 0) / sessions.length,
  };
}

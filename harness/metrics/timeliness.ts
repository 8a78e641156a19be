/**
 * Timeliness of predictions under paced replay: a forecast of window [target, target + windowMs) is
 * actionable only if it reached the sink before that window had ended in the replay, i.e. before the
 * driver was due to send the first event at or after the window's end. Buffer timeouts, micro-batch
 * triggers and notification delays move predictions across this line, so accuracy over actionable
 * predictions is where execution models change what a model is worth. Timing-dependent: it lives with
 * the timing figures, not the deterministic ones.
 */
import type { Scored } from '../../workloads/crypto/records.js';
import type { Timeliness } from '../results/schema.js';
import { errorFigures } from './accuracy.js';
import type { EventTimeSchedule } from './event-time-schedule.js';

/**
 * @param scored       scored predictions (first delivery of each)
 * @param deliveredAt  wall time each prediction (`product@target`) first reached the predictions sink
 */
export function timelinessOf(
  scored: readonly Scored[],
  deliveredAt: ReadonlyMap<string, number>,
  schedule: EventTimeSchedule,
  windowMs: number,
): Timeliness {
  const actionable: Scored[] = [];
  const slack: number[] = [];
  for (const s of scored) {
    const at = deliveredAt.get(`${s.product}@${s.target}`);
    if (at === undefined) continue;
    const deadline = schedule.reached(s.target + windowMs);
    slack.push(deadline - at);
    if (at <= deadline) actionable.push(s);
  }
  const finite = slack.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    scored: slack.length,
    actionable: actionable.length,
    actionableShare: slack.length === 0 ? null : actionable.length / slack.length,
    medianSlackMs: finite.length === 0 ? null : finite[Math.floor(finite.length / 2)],
    accuracy: errorFigures(actionable, (s) => s.predicted),
  };
}

/**
 * Learning-rate schedules, as River's `optim.schedulers` (step t counts updates made so far, from 0):
 *   constant     η_t = η                  (River's default: `optim.SGD(0.01)` wraps 0.01 in `Constant`)
 *   invscaling   η_t = η / (t + 1)^power  (`InverseScaling(learning_rate, power=0.5)`)
 */
export const SCHEDULES = ['constant', 'invscaling'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export function learningRate(schedule: Schedule, eta: number, power: number, t: number): number {
  if (!(t >= 0)) throw new RangeError(`step must be ≥ 0, got ${t}`);
  return schedule === 'constant' ? eta : eta / (t + 1) ** power;
}

/** The wall clock every run uses (one place, so a virtual clock can replace it in tests). */
import type { Clock } from '../../engines/contract.js';

export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
};

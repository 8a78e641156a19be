/**
 * The random-walk (persistence) baseline: the next return equals the last one. Every model's skill is
 * measured against it; it learns nothing.
 */
import type { Model } from './model.js';

export const persistenceModel: Model<Record<string, never>> = {
  name: 'persistence',
  init: () => ({}),
  learn() {},
  predict: (_state, x) => x[0],
  ageWindows: () => 0,
};

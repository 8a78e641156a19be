/** Binance book levels, `[["price", "quantity"], ...]`, as numbers; shared by depth updates and snapshots. */
import { readArray, readPrice, readSize, under } from '../../fields.js';

export function readLevels(value: unknown, field: string): [price: number, size: number][] {
  const levels = readArray(value, field);
  const parsed = new Array<[number, number]>(levels.length);
  for (let i = 0; i < levels.length; i++) {
    try {
      const pair = readArray(levels[i], '');
      parsed[i] = [readPrice(pair[0], '[0]'), readSize(pair[1], '[1]')];
    } catch (thrown) {
      throw under(`${field}[${i}]`, thrown);
    }
  }
  return parsed;
}

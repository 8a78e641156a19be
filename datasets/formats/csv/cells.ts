/**
 * CSV plumbing shared by the candle formats: splitting a row (plain commas; quotes around a cell are
 * dropped, as spreadsheet exports add them), reading a cell as a time, and naming the product after the
 * file, since candle files carry no symbol column (`BTCUSDT-1m-2024-01-01.csv` → `BTCUSDT`,
 * `ETH-USD-5m.csv` → `ETH-USD`).
 */
import { basename } from 'node:path';
import { FieldProblem, shown } from '../../fields.js';
import { parseCsvTime } from './csv-time.js';

export function splitRow(text: string): string[] {
  const cells = text.split(',');
  for (let i = 0; i < cells.length; i++) {
    let cell = cells[i].trim();
    if (cell.length >= 2 && cell[0] === '"' && cell[cell.length - 1] === '"') cell = cell.slice(1, -1);
    cells[i] = cell;
  }
  return cells;
}

export function readCsvTime(cell: string | undefined, field: string): number {
  const time = cell === undefined ? Number.NaN : parseCsvTime(cell);
  if (!Number.isNaN(time)) return time;
  throw new FieldProblem(field, cell === undefined ? 'missing' : `not a time: ${shown(cell)}`);
}

/** The file's name less its extensions and an interval suffix with an optional date (`-1m-2024-01-01`). */
export function productFromPath(path: string): string {
  const name = basename(path)
    .replace(/\.gz$/, '')
    .replace(/\.[^.]*$/, '');
  return name.replace(/-\d+[smhdwM](-.*)?$/, '') || name;
}

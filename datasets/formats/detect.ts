/**
 * Format detection from content, never from the file name: the first line of the file's head that is
 * decisive names the format. JSON lines are told apart by their envelope keys (`channel` + `events`:
 * Coinbase Advanced Trade; `stream`, `e`, `lastUpdateId` or `bookTicker` keys: Binance; `type`: the classic
 * Coinbase feed); CSV by a 12-number row (Binance klines) or a candle header. Lines that decide nothing
 * (blank, an error reply) are passed over; a head with no decisive line is a `DatasetFormatError`.
 */
import { DatasetFormatError } from '../../harness/errors.js';
import { splitRow } from './csv/cells.js';
import { ohlcvColumns } from './csv/header.js';
import { KLINE_COLUMNS } from './csv/klines.js';
import { FORMAT_NAMES, type FormatName } from './registry.js';

/** Lines looked at before giving up. */
const DECISIVE_WITHIN = 20;

function jsonFormat(message: Record<string, unknown>): FormatName | null {
  if ('channel' in message && 'events' in message) return 'coinbase-advanced';
  if ('stream' in message && 'data' in message) return 'binance';
  if ('e' in message && 'E' in message) return 'binance';
  if ('lastUpdateId' in message) return 'binance';
  if ('u' in message && 's' in message && 'b' in message && 'a' in message) return 'binance';
  const type = message.type;
  if (typeof type === 'string' && type !== 'error' && !('channel' in message)) return 'coinbase-exchange';
  return null;
}

/** The format one line decides, or null. */
export function formatOfLine(text: string, isFirstLine: boolean): FormatName | null {
  const line = text.trim();
  if (line.startsWith('{')) {
    try {
      const message: unknown = JSON.parse(line);
      if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
        return jsonFormat(message as Record<string, unknown>);
      }
    } catch {}
    return null;
  }
  const cells = splitRow(line);
  if (cells.length === KLINE_COLUMNS && cells.every((cell) => cell !== '' && Number.isFinite(Number(cell)))) {
    return 'binance-klines';
  }
  return isFirstLine && ohlcvColumns(cells) !== null ? 'ohlcv-csv' : null;
}

/** The format of a file from its first lines; throws a `DatasetFormatError` naming the file if none fits. */
export function detectFormat(file: string, head: readonly string[]): FormatName {
  let looked = 0;
  for (let i = 0; i < head.length && looked < DECISIVE_WITHIN; i++) {
    if (head[i].trim().length === 0) continue;
    looked++;
    const format = formatOfLine(head[i], i === 0);
    if (format !== null) return format;
  }
  const first = head.find((line) => line.trim().length > 0);
  const shown = first === undefined ? 'the file is empty' : `it starts ${JSON.stringify(first.slice(0, 60))}`;
  throw new DatasetFormatError(
    file,
    1,
    '(format)',
    `not in any known format (${FORMAT_NAMES.join(', ')}): ${shown}; force one with --format`,
  );
}

/**
 * Checks across lines that no single line can fail: the same trade, ticker or candle seen twice, and an
 * event far older than the newest of its own stream (product × kind). Exchanges stamp each stream in
 * order, so such an event is a corrupt or spliced recording, not market disorder; bounded disorder
 * (within `toleranceMs`) passes untouched, for the engines' watermarks to handle as they would live.
 */
import type { MarketEvent } from './events.js';
import type { RejectKind } from './reject-kinds.js';

/** Ids remembered per stream for duplicate detection; older repeats pass (feeds do not resend that far). */
const REMEMBERED_IDS = 4096;

/** What a failed check says: the kind, the field at fault and why. */
export interface CheckProblem {
  readonly kind: RejectKind;
  readonly field: string;
  readonly reason: string;
}

interface Stream {
  newest: number;
  readonly ids: Set<number>;
  /** The remembered ids in arrival order, a ring of REMEMBERED_IDS slots; `next` is the oldest slot. */
  readonly ring: number[];
  next: number;
}

/** The id that makes an event unique within its stream, with the field it comes from. */
function identity(event: MarketEvent): readonly [id: number, field: string] | null {
  switch (event.kind) {
    case 'trade':
      return [event.tradeId, 'tradeId'];
    case 'ticker':
      return [event.sequence, 'sequence'];
    case 'candle':
      return [event.time, 'time'];
    default:
      return null; // book updates carry no id here; Binance depth ids are checked by its parser
  }
}

export class StreamChecks {
  private readonly streams = new Map<string, Stream>();

  constructor(private readonly toleranceMs: number) {}

  /** Null when the event passes; it then counts as seen. */
  check(event: MarketEvent): CheckProblem | null {
    const key = `${event.kind}\u0000${event.product}`;
    let stream = this.streams.get(key);
    if (stream === undefined) {
      stream = { newest: event.time, ids: new Set(), ring: [], next: 0 };
      this.streams.set(key, stream);
    }
    const identified = identity(event);
    if (identified !== null && stream.ids.has(identified[0])) {
      return {
        kind: 'duplicate',
        field: identified[1],
        reason: `${event.kind} ${identified[0]} seen before`,
      };
    }
    if (event.time < stream.newest - this.toleranceMs) {
      const behind = Math.round(stream.newest - event.time);
      return { kind: 'out-of-order', field: 'time', reason: `${behind} ms older than its stream's newest` };
    }
    if (event.time > stream.newest) stream.newest = event.time;
    if (identified !== null) remember(stream, identified[0]);
    return null;
  }
}

function remember(stream: Stream, id: number): void {
  if (stream.ring.length === REMEMBERED_IDS) stream.ids.delete(stream.ring[stream.next]);
  stream.ring[stream.next] = id;
  stream.next = (stream.next + 1) % REMEMBERED_IDS;
  stream.ids.add(id);
}

/**
 * Binance's diff-depth stream as book events, following Binance's "manage a local order book" procedure:
 * updates carry the id range `U..u` of the book changes they hold, each update must continue the last
 * (`U = previous u + 1`; futures say so with `pu`), and a depth snapshot (`{lastUpdateId, bids, asks}`,
 * from REST or a partial-depth stream) is applied with the updates after `lastUpdateId` on top.
 * A recorder fetches the REST snapshot after subscribing, so it lands in the file a few updates late and
 * names no symbol: it is given to the symbol whose recent updates span `lastUpdateId + 1` (or the one
 * updated last), and those recent updates after it are emitted again so the book built from it is whole.
 */
import { DatasetParseError } from '../../../harness/errors.js';
import type { BookSnapshotEvent, BookUpdateEvent, MarketEvent } from '../../events.js';
import { FieldProblem, readInteger, readText } from '../../fields.js';
import { readLevels } from './levels.js';

/** Updates kept per symbol to lay over a snapshot that arrives after them. */
const RECENT_UPDATES = 64;

interface Update {
  readonly event: BookUpdateEvent;
  readonly first: number;
  readonly last: number;
}

interface SymbolState {
  lastId: number;
  readonly recent: Update[];
}

type Snapshot = Omit<BookSnapshotEvent, 'product'> & { readonly lastUpdateId: number };

export class DepthSync {
  private readonly symbols = new Map<string, SymbolState>();
  private lastSymbol: string | null = null;
  /** A snapshot that came before any update, so before any symbol could be given to it. */
  private pending: Snapshot | null = null;

  constructor(private readonly file: string) {}

  /** The events of one `depthUpdate`, and a gap before it; throws `duplicate` for an update seen before. */
  update(data: Record<string, unknown>, line: number): { events: MarketEvent[]; gap?: DatasetParseError } {
    const product = readText(data.s, 's');
    const first = readInteger(data.U, 'U');
    const last = readInteger(data.u, 'u');
    if (last < first) throw new FieldProblem('u', `u ${last} is below U ${first}`);
    const changes: [side: 'bid' | 'ask', price: number, size: number][] = [];
    for (const [price, size] of readLevels(data.b, 'b')) changes.push(['bid', price, size]);
    for (const [price, size] of readLevels(data.a, 'a')) changes.push(['ask', price, size]);
    const event: BookUpdateEvent = { kind: 'book', product, time: readInteger(data.E, 'E'), changes };
    const state = this.symbols.get(product) ?? { lastId: Number.NaN, recent: [] };
    let gap: DatasetParseError | undefined;
    if (!Number.isNaN(state.lastId)) {
      if (last <= state.lastId) {
        throw new FieldProblem(
          'u',
          `update ${first}..${last} already applied (book at ${state.lastId})`,
          'duplicate',
        );
      }
      const previous = data.pu === undefined ? first - 1 : readInteger(data.pu, 'pu');
      if (previous !== state.lastId) {
        const reason = `depth update ${first}..${last} does not follow ${state.lastId}`;
        gap = new DatasetParseError(this.file, line, 'U', reason, 'sequence-gap');
      }
    }
    state.lastId = last;
    state.recent.push({ event, first, last });
    if (state.recent.length > RECENT_UPDATES) state.recent.shift();
    this.symbols.set(product, state);
    this.lastSymbol = product;
    const events: MarketEvent[] = [];
    if (this.pending !== null) events.push(...this.adopt(this.pending, product, event.time));
    else events.push(event);
    return gap === undefined ? { events } : { events, gap };
  }

  /**
   * A depth snapshot: `product` from the stream name when there is one, else inferred; `time` is the
   * newest event time seen (a snapshot is stamped when it was taken, not sent), NaN before any.
   */
  snapshot(data: Record<string, unknown>, product: string | null, time: number): MarketEvent[] {
    const snapshot: Snapshot = {
      kind: 'snapshot',
      time,
      lastUpdateId: readInteger(data.lastUpdateId, 'lastUpdateId'),
      bids: readLevels(data.bids, 'bids'),
      asks: readLevels(data.asks, 'asks'),
    };
    const owner = product ?? this.ownerOf(snapshot.lastUpdateId);
    if (owner === null) {
      this.pending = snapshot;
      return [];
    }
    return this.adopt(snapshot, owner, time);
  }

  /** The snapshot as `product`'s, then that product's held updates that come after it. */
  private adopt(snapshot: Snapshot, product: string, time: number): MarketEvent[] {
    this.pending = null;
    const { lastUpdateId, ...book } = snapshot;
    const events: MarketEvent[] = [{ ...book, product, time: Number.isNaN(book.time) ? time : book.time }];
    const state = this.symbols.get(product);
    for (const update of state?.recent ?? []) {
      if (update.last > lastUpdateId) events.push({ ...update.event, time: events[0].time });
    }
    if (state !== undefined) state.lastId = Math.max(state.lastId, lastUpdateId);
    return events;
  }

  /** The symbol whose recent updates span `lastUpdateId + 1`, else the one updated last (null: none yet). */
  private ownerOf(lastUpdateId: number): string | null {
    for (const [symbol, state] of this.symbols) {
      if (state.recent.some((u) => u.first <= lastUpdateId + 1 && lastUpdateId + 1 <= u.last)) return symbol;
    }
    return this.lastSymbol;
  }
}

/**
 * A product's order book as two sorted arrays of [price, size] levels (bids descending, asks
 * ascending): plain data, so it snapshots as JSON, and small enough that binary search + splice beats
 * a tree for the depths feeds send near the top.
 */
import type { BookSnapshotEvent, BookUpdateEvent } from '../../datasets/events.js';

export type Level = [price: number, size: number];

export interface Book {
  bids: Level[];
  asks: Level[];
}

export function bookFromSnapshot(e: BookSnapshotEvent): Book {
  const keep = (levels: BookSnapshotEvent['bids']) =>
    levels.filter((l) => l[1] > 0).map((l): Level => [l[0], l[1]]);
  return {
    bids: keep(e.bids).sort((a, b) => b[0] - a[0]),
    asks: keep(e.asks).sort((a, b) => a[0] - b[0]),
  };
}

export function applyUpdate(book: Book, e: BookUpdateEvent): void {
  for (const [side, price, size] of e.changes) {
    setLevel(side === 'bid' ? book.bids : book.asks, side === 'bid', price, size);
  }
}

/** Sets a level's absolute size (0 removes it). `descending` for bids. */
function setLevel(levels: Level[], descending: boolean, price: number, size: number): void {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const p = levels[mid][0];
    if (descending ? p > price : p < price) lo = mid + 1;
    else hi = mid;
  }
  const found = lo < levels.length && levels[lo][0] === price;
  if (size === 0) {
    if (found) levels.splice(lo, 1);
  } else if (found) {
    levels[lo][1] = size;
  } else {
    levels.splice(lo, 0, [price, size]);
  }
}

/** Mid price, or NaN when a side is empty or the book is crossed. */
export function midOf(book: Book): number {
  if (book.bids.length === 0 || book.asks.length === 0) return Number.NaN;
  const bid = book.bids[0][0];
  const ask = book.asks[0][0];
  return ask > bid ? (bid + ask) / 2 : Number.NaN;
}

export function imbalanceOf(book: Book): number {
  if (book.bids.length === 0 || book.asks.length === 0) return 0;
  const b = book.bids[0][1];
  const a = book.asks[0][1];
  return (b - a) / (b + a);
}

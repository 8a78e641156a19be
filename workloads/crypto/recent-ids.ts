/**
 * Duplicate detection for ids that rise with bounded disorder (trade ids, ticker sequences): keeps the
 * most recent `capacity` ids sorted; an id below all of them is treated as seen (too old to judge, and
 * real feeds do not resend that far back). Plain data, so it lives in keyed state.
 */
export interface RecentIds {
  ids: number[];
}

const CAPACITY = 512;

/** Records `id`; returns false if it was already there (a duplicate). */
export function markSeen(recent: RecentIds, id: number): boolean {
  const ids = recent.ids;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  if (lo < ids.length && ids[lo] === id) return false;
  if (lo === 0 && ids.length >= CAPACITY) return false;
  ids.splice(lo, 0, id);
  if (ids.length > CAPACITY) ids.shift();
  return true;
}

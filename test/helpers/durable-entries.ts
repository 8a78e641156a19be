/**
 * Self-describing entries for the DurableStore crash test: entry `id`'s body names its id and size and
 * carries a payload derived from the id alone, so whoever reads an entry back can tell whether it is
 * exactly what was written for that id. Sizes cycle from 4 KiB up to 256 KiB, so writes of every size
 * are interrupted.
 */

export function entrySize(id: number): number {
  return 4096 * (1 + (id % 64));
}

/** The body written for entry `id` (ASCII, plus one two-byte character so bytes ≠ characters). */
export function entryBody(id: number): string {
  const size = entrySize(id);
  const head = `entry ${id} size ${size} é\n`;
  let s = (id * 2654435761) >>> 0;
  const chars: string[] = [];
  for (let i = head.length; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    chars.push(String.fromCharCode(97 + (s >>> 27)));
  }
  return head + chars.join('');
}

/**
 * Flink's key-group assignment (`KeyGroupRangeAssignment`): a key hashes to one of `maxParallelism` key
 * groups, and key groups are split into contiguous ranges, one per subtask. Keyed state is stored per key
 * group so that a later issue can snapshot and rescale it the way Flink does.
 *
 *   keyGroup      = murmur(hashCode(key)) % maxParallelism
 *   operatorIndex = keyGroup * parallelism / maxParallelism
 */

/** Java's `String.hashCode`, so that key groups match real Flink for string keys. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Flink's `MathUtils.murmurHash(int)`: one round of murmur3 on an int, made non-negative. */
export function murmurHash(code: number): number {
  let k = Math.imul(code, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >= 0 ? h : h === -2147483648 ? 0 : -h;
}

export function keyGroupOf(key: string, maxParallelism: number): number {
  return murmurHash(javaStringHashCode(key)) % maxParallelism;
}

export function operatorIndexOf(keyGroup: number, parallelism: number, maxParallelism: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** Flink's default max parallelism: min(max(roundUpToPowerOfTwo(p + p/2), 128), 32768). */
export function defaultMaxParallelism(parallelism: number): number {
  const target = parallelism + (parallelism >> 1);
  let pow = 1;
  while (pow < target) pow *= 2;
  return Math.min(Math.max(pow, 128), 32768);
}

/** Memoises key → subtask index: keys repeat (products), hashing them per record would not. */
export function subtaskRouter(parallelism: number, maxParallelism: number): (key: string) => number {
  const cache = new Map<string, number>();
  return (key) => {
    let index = cache.get(key);
    if (index === undefined) {
      index = operatorIndexOf(keyGroupOf(key, maxParallelism), parallelism, maxParallelism);
      cache.set(key, index);
    }
    return index;
  };
}

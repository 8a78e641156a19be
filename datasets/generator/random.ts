/**
 * The generator's single source of randomness: one seeded pure-rand xoroshiro128+ stream, consumed in a
 * fixed order, so the same seed and parameters always give the same feed.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const TWO_TO_32 = 4294967296;

/** Uniform, normal and exponential draws (and uuid-like ids) from one seeded generator. */
export class SeededRandom {
  private readonly source: RandomGenerator;
  private spareNormal = Number.NaN;

  /** `seed` must be a 32-bit integer (signed or unsigned); pure-rand seeds from 32 bits. */
  constructor(seed: number) {
    this.source = xoroshiro128plus(seed | 0);
  }

  /** Uniform in (0, 1): never 0, so `Math.log` of it is finite. */
  uniform(): number {
    return ((this.source.next() >>> 0) + 0.5) / TWO_TO_32;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = Number.NaN;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.uniform());
  }

  /** A random RFC-4122-shaped (version 4) id, like Coinbase's order ids. */
  uuid(): string {
    const a = hex8(this.source.next());
    const b = hex8(this.source.next());
    const c = hex8(this.source.next());
    const d = hex8(this.source.next());
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant(c)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** The RFC-4122 variant nibble (8, 9, a or b) from a hex string's first digit. */
function variant(hex: string): string {
  return ((Number.parseInt(hex[0], 16) & 3) | 8).toString(16);
}

/**
 * `java.util.Random`, bit for bit: the 48-bit linear congruential generator Step Functions (a Java
 * service) seeds for `States.MathRandom(start, end, seed)`.
 */

const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/** A seeded java.util.Random. */
export class JavaRandom {
  private seed: bigint;

  /** `new java.util.Random(seed)`; the seed is taken as a Java long (truncated toward zero). */
  constructor(seed: number) {
    this.seed = (BigInt.asIntN(64, BigInt(Math.trunc(seed))) ^ MULTIPLIER) & MASK;
  }

  private next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  /** `nextInt()`: a uniformly distributed signed 32-bit integer. */
  nextInt(): number {
    return this.next(32);
  }

  /** `nextInt(bound)`: an integer in [0, bound); `bound` must be a positive 32-bit integer. */
  nextIntBounded(bound: number): number {
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    for (;;) {
      const bits = this.next(31);
      const val = bits % bound;
      if (bits - val + (bound - 1) <= 2147483647) return val;
    }
  }

  /** `nextDouble()`: a double in [0, 1) from 53 random bits. */
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) / 2 ** 53;
  }
}

/** The math intrinsics: States.MathAdd and States.MathRandom. */
import { normalizeZero } from '../../paths/json';
import { intArg, invalidArguments, numberArg, type IntrinsicImpl } from '../context';
import { JavaRandom } from '../javaRandom';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Java's `Math.round`: half rounds toward positive infinity (1.5 → 2, -1.5 → -1, -2.5 → -2). */
export function javaRound(x: number): number {
  return normalizeZero(Math.floor(x + 0.5));
}

const inIntRange = (n: number) => n >= INT_MIN && n <= INT_MAX;

/** The math intrinsics by name. */
export const mathFunctions: Record<string, IntrinsicImpl> = {
  /** Each operand is rounded to the nearest integer first (Java rounding); the sum must fit an int. */
  'States.MathAdd': (args) => {
    const name = 'States.MathAdd';
    const a = javaRound(numberArg(args, 0, name));
    const b = javaRound(numberArg(args, 1, name));
    const sum = normalizeZero(a + b);
    if (!inIntRange(a) || !inIntRange(b) || !inIntRange(sum)) invalidArguments(name);
    return sum;
  },

  /**
   * An integer in [start, end). Bounds are truncated to integers (AWS answers
   * MathRandom(1.6, 5.4) with 1) and must satisfy start < end. With a seed the value comes from
   * `new java.util.Random(seed).nextInt(end - start)`, otherwise from the injected random source.
   */
  'States.MathRandom': (args, _call, ctx) => {
    const name = 'States.MathRandom';
    const start = intArg(args, 0, name);
    const end = intArg(args, 1, name);
    if (!inIntRange(start) || !inIntRange(end) || start >= end || end - start > INT_MAX)
      invalidArguments(name);
    if (args.length > 2) {
      const seed = intArg(args, 2, name);
      return start + new JavaRandom(seed).nextIntBounded(end - start);
    }
    return start + Math.min(end - start - 1, Math.floor(ctx.random() * (end - start)));
  },
};

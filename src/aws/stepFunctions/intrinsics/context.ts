/** The evaluation context of intrinsic functions, and the internal failure they raise. */
import type { IntrinsicCall } from './parser';

/** What an intrinsic call can read besides the state input, and its source of randomness. */
export interface IntrinsicContext {
  /** The Context Object (`$$`). */
  context?: unknown;
  /** Workflow variables (`$name`). */
  variables?: Record<string, unknown>;
  /** Uniform [0, 1) source for States.UUID and unseeded States.MathRandom (inject a seeded Rng). */
  random: () => number;
}

/**
 * An intrinsic that could not be evaluated. `detail` is the text AWS puts after
 * "The function '...' had the following error: ". Internal: evaluateIntrinsic turns it into a
 * StatesError.
 */
export class IntrinsicFailure extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'IntrinsicFailure';
  }
}

/** Throws AWS's generic argument failure for `name` ("Invalid arguments in States.MathAdd"). */
export function invalidArguments(name: string): never {
  throw new IntrinsicFailure(`Invalid arguments in ${name}`);
}

/** An intrinsic implementation: evaluated arguments in, value out. */
export type IntrinsicImpl = (
  args: unknown[],
  call: IntrinsicCall,
  ctx: IntrinsicContext,
) => unknown;

/** The argument at `i`, which must be an array. */
export function arrayArg(args: unknown[], i: number, name: string): unknown[] {
  const v = args[i];
  return Array.isArray(v) ? v : invalidArguments(name);
}

/** The argument at `i`, which must be a string. */
export function stringArg(args: unknown[], i: number, name: string): string {
  const v = args[i];
  return typeof v === 'string' ? v : invalidArguments(name);
}

/** The argument at `i`, which must be a finite number. */
export function numberArg(args: unknown[], i: number, name: string): number {
  const v = args[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : invalidArguments(name);
}

/** A number argument converted the way Java's `intValue()` does: truncated toward zero. */
export function intArg(args: unknown[], i: number, name: string): number {
  const n = Math.trunc(numberArg(args, i, name));
  return n === 0 ? 0 : n;
}

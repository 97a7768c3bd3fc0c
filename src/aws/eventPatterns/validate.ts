/**
 * Pattern validation with AWS's InvalidEventPatternException wording. Every message is generated
 * by the compiler's checks (see compile.ts and matchExpression.ts); this module only adds the
 * "Event pattern is not valid. Reason: " prefix AWS puts in front of event-ruler's reason.
 */
import { compilePattern } from './compile';
import { PatternError } from '../ruler/errors';
import type { PatternIR, ValidationResult } from './types';

/** The prefix of every InvalidEventPatternException message. */
export const INVALID_PATTERN_PREFIX = 'Event pattern is not valid. Reason: ';

/** Thrown by pattern compilation; `message` is AWS's full exception message. */
export class InvalidEventPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventPatternException';
  }
}

/** Compiles a pattern (JSON text or value), throwing InvalidEventPatternError when AWS would reject it. */
export function parseEventPattern(pattern: unknown): PatternIR {
  try {
    return compilePattern(pattern);
  } catch (e) {
    if (e instanceof PatternError)
      throw new InvalidEventPatternError(INVALID_PATTERN_PREFIX + e.message);
    if (e instanceof RangeError)
      throw new InvalidEventPatternError(`${INVALID_PATTERN_PREFIX}Filter is too deeply nested`);
    throw e;
  }
}

/**
 * Checks a pattern as PutRule / TestEventPattern would. Accepts the pattern as JSON text (parsed
 * the way AWS parses it, so syntax errors, duplicate keys and token order behave the same) or as
 * an already-parsed value.
 */
export function validateEventPattern(pattern: unknown): ValidationResult {
  try {
    parseEventPattern(pattern);
    return { ok: true };
  } catch (e) {
    if (e instanceof InvalidEventPatternError) return { ok: false, message: e.message };
    throw e;
  }
}

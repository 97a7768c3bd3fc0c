/**
 * The error every pattern check throws. Its message is the reason text AWS puts after
 * "Event pattern is not valid. Reason: ", so checks can be written in event-ruler's words.
 */

/** A problem in the pattern: `message` is the text after AWS's "Reason: " prefix. */
export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

/** Jackson's character description, e.g. `'x' (code 120)` or `(CTRL-CHAR, code 10)`. */
export function describeChar(code: number): string {
  if (code < 32 || (code >= 127 && code <= 159)) return `(CTRL-CHAR, code ${code})`;
  const ch = String.fromCodePoint(code);
  if (code > 255) return `'${ch}' (code ${code} / 0x${code.toString(16)})`;
  return `'${ch}' (code ${code})`;
}

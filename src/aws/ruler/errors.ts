/**
 * How event-ruler and the Jackson parser it reads rules with word a problem. Both engines quote
 * these texts verbatim in the errors AWS returns, so they live in one place.
 */

/**
 * A rule event-ruler rejects. `message` is event-ruler's reason text (Jackson's wording for JSON
 * syntax errors), without any prefix the AWS service adds in front of it.
 */
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

/** Jackson shows at most this many characters of the source in a location. */
const SOURCE_SNIPPET_LIMIT = 500;

/**
 * Jackson's location text, `[Source: (String)"…"; line: L, column: C]`, with its truncation of
 * sources longer than 500 characters (`"…"[truncated N chars]`).
 */
export function jacksonSourceRef(src: string, line: number, column: number): string {
  const truncated = src.length - SOURCE_SNIPPET_LIMIT;
  const shown =
    truncated > 0
      ? `${src.slice(0, SOURCE_SNIPPET_LIMIT)}"[truncated ${truncated} chars]`
      : `${src}"`;
  return `[Source: (String)"${shown}; line: ${line}, column: ${column}]`;
}

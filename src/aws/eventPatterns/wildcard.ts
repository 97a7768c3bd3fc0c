/**
 * Wildcard patterns: `*` matches any run of characters (including none), `\*` is a literal star and
 * `\\` a literal backslash; any other escape, and two stars in a row, are rejected.
 *
 * Error positions count UTF-8 bytes of the value wrapped in quotes, because event-ruler parses
 * the quoted byte string (`"abc**"` fails "at pos 4"). The complexity measure is event-ruler's
 * `MachineComplexityEvaluator`: the most wildcard-pattern prefixes one input can match at once.
 */
import { PatternError } from '../ruler/errors';

/** A parsed wildcard: literal pieces separated by stars. */
export interface Wildcard {
  /** Literal text between stars; `pieces.length - 1` stars separate them. */
  pieces: string[];
}

const STAR = -1;
const encoder = new TextEncoder();

/** The quoted value as UTF-8 bytes, stars as STAR; throws AWS's message on a bad escape or `**`. */
function tokenize(value: string): number[] {
  const bytes = encoder.encode(`"${value}"`);
  const tokens: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x2a) {
      if (bytes[i + 1] === 0x2a)
        throw new PatternError(`Consecutive wildcard characters at pos ${i}`);
      tokens.push(STAR);
    } else if (b === 0x5c) {
      const next = bytes[i + 1];
      if (next === 0x2a || next === 0x5c) {
        tokens.push(next);
        i++;
        continue;
      }
      throw new PatternError(`Invalid escape character at pos ${i}`);
    } else tokens.push(b);
  }
  return tokens;
}

/** Validates a wildcard value (AWS's errors) and splits it into literal pieces. */
export function parseWildcard(value: string): Wildcard {
  tokenize(value);
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '\\') {
      current += value[i + 1] ?? '';
      i++;
    } else if (ch === '*') {
      pieces.push(current);
      current = '';
    } else current += ch;
  }
  pieces.push(current);
  return { pieces };
}

/** Whether a string matches: first and last pieces are anchored, the middle ones found leftmost. */
export function matchWildcard(w: Wildcard, v: string): boolean {
  const pieces = w.pieces;
  const last = pieces.length - 1;
  const first = pieces[0] ?? '';
  if (last === 0) return v === first;
  const end = pieces[last] ?? '';
  if (v.length < first.length + end.length || !v.startsWith(first) || !v.endsWith(end))
    return false;
  let pos = first.length;
  const limit = v.length - end.length;
  for (let i = 1; i < last; i++) {
    const piece = pieces[i] ?? '';
    const at = v.indexOf(piece, pos);
    if (at < 0 || at + piece.length > limit) return false;
    pos = at + piece.length;
  }
  return true;
}

/**
 * The largest number of (pattern, prefix) pairs a single input can match at once, over all the
 * given wildcard values of one field, evaluated on the quoted UTF-8 bytes like event-ruler's byte
 * machine. Identical values count once. Stops early once `cap` is reached.
 */
export function wildcardComplexity(values: readonly string[], cap: number, quoted = true): number {
  const patterns = [...new Set(values)].map((v) => (quoted ? tokenize(v) : tokenizeUnquoted(v)));
  if (patterns.length === 0) return 0;
  const offsets: number[] = [];
  let total = 0;
  const alphabet = new Set<number>();
  for (const p of patterns) {
    offsets.push(total);
    total += p.length + 1;
    for (const t of p) if (t !== STAR) alphabet.add(t);
  }
  const symbols = [...alphabet, STAR]; // STAR stands for "any byte no pattern names"
  const closure = (states: Set<number>, p: number, k: number): void => {
    const tokens = patterns[p] ?? [];
    for (;;) {
      states.add((offsets[p] ?? 0) + k);
      if (tokens[k] !== STAR) return;
      k++;
    }
  };
  let start = new Set<number>();
  patterns.forEach((_, p) => closure(start, p, 0));
  start = new Set([...start].sort((a, b) => a - b));
  const seen = new Set<string>([[...start].join(',')]);
  const queue: number[][] = [[...start]];
  let best = 0;
  while (queue.length > 0 && seen.size < 20000) {
    const current = queue.shift() ?? [];
    for (const symbol of symbols) {
      const next = new Set<number>();
      for (const state of current) {
        let p = 0;
        while (p + 1 < offsets.length && (offsets[p + 1] ?? 0) <= state) p++;
        const k = state - (offsets[p] ?? 0);
        const tokens = patterns[p] ?? [];
        if (k > 0 && tokens[k - 1] === STAR) closure(next, p, k);
        if (k < tokens.length && tokens[k] !== STAR && tokens[k] === symbol)
          closure(next, p, k + 1);
      }
      if (next.size === 0) continue;
      let count = 0;
      for (const state of next) if (!offsets.includes(state)) count++;
      if (count >= cap) return cap;
      if (count > best) best = count;
      const sorted = [...next].sort((a, b) => a - b);
      const key = sorted.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(sorted);
      }
    }
  }
  return best;
}

/** Like tokenize but without the surrounding quotes, to compare with event-ruler's unit tests. */
function tokenizeUnquoted(value: string): number[] {
  const t = tokenize(value);
  return t.slice(1, -1);
}

/**
 * Parser for intrinsic function calls such as
 * `States.Format('Hello {}', States.ArrayGetItem($.names, 0))`. Arguments are string literals
 * (single-quoted; `\'`, `\{`, `\}` and `\\` are escapes), numbers, `true`/`false`/`null`, paths
 * (`$...`, `$$...`, `$var...`) and nested calls.
 */

/** The intrinsic functions Step Functions defines, with their [min, max] argument counts. */
export const INTRINSIC_ARITY: Readonly<Record<string, readonly [number, number]>> = {
  'States.Format': [1, Infinity],
  'States.StringToJson': [1, 1],
  'States.JsonToString': [1, 1],
  'States.Array': [0, Infinity],
  'States.ArrayPartition': [2, 2],
  'States.ArrayContains': [2, 2],
  'States.ArrayRange': [3, 3],
  'States.ArrayGetItem': [2, 2],
  'States.ArrayLength': [1, 1],
  'States.ArrayUnique': [1, 1],
  'States.Base64Encode': [1, 1],
  'States.Base64Decode': [1, 1],
  'States.Hash': [2, 2],
  'States.JsonMerge': [3, 3],
  'States.MathRandom': [2, 3],
  'States.MathAdd': [2, 2],
  'States.StringSplit': [2, 2],
  'States.UUID': [0, 0],
};

/** The intrinsic function names. */
export const INTRINSIC_NAMES = Object.keys(INTRINSIC_ARITY);

/** One argument of an intrinsic call. */
export type IntrinsicArg =
  | {
      kind: 'literal';
      value: string | number | boolean | null;
      /**
       * For string literals: the text split at unescaped `{}`, so States.Format can tell a
       * placeholder from an escaped `\{\}`.
       */
      formatParts?: string[];
    }
  | { kind: 'path'; path: string }
  | { kind: 'call'; call: IntrinsicCall };

/** A parsed call: the function name, its arguments and its source text. */
export interface IntrinsicCall {
  name: string;
  args: IntrinsicArg[];
  source: string;
}

/** A malformed intrinsic expression (found when validating a definition). */
export class IntrinsicSyntaxError extends Error {
  constructor(
    readonly expression: string,
    detail: string,
  ) {
    super(`Invalid intrinsic function call '${expression}': ${detail}`);
    this.name = 'IntrinsicSyntaxError';
  }
}

/** True if a `.$` field value is meant as an intrinsic call rather than a path. */
export function looksLikeIntrinsic(text: string): boolean {
  return /^\s*States\./.test(text);
}

// A definition's calls repeat on every visit; parsing them showed up in profiles.
const parsedCalls = new Map<string, IntrinsicCall>();

/**
 * Parses a whole expression that must be a single call (cached: don't change the result).
 * Throws IntrinsicSyntaxError.
 */
export function parseIntrinsic(expression: string): IntrinsicCall {
  const hit = parsedCalls.get(expression);
  if (hit) return hit;
  const p = new Parser(expression);
  p.skipSpaces();
  const call = p.parseCall();
  p.skipSpaces();
  if (!p.done()) p.fail(`unexpected '${expression.slice(p.pos)}'`);
  if (parsedCalls.size > 1000) parsedCalls.clear();
  parsedCalls.set(expression, call);
  return call;
}

/** True if `expression` parses as an intrinsic call to a known function. */
export function isIntrinsicValid(expression: string): boolean {
  try {
    parseIntrinsic(expression);
    return true;
  } catch {
    return false;
  }
}

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }
  skipSpaces(): void {
    while (/\s/.test(this.s[this.pos] ?? '')) this.pos += 1;
  }
  fail(detail: string): never {
    throw new IntrinsicSyntaxError(this.s, detail);
  }

  parseCall(): IntrinsicCall {
    const start = this.pos;
    const m = /^States\.[A-Za-z0-9]+/.exec(this.s.slice(this.pos));
    if (!m) return this.fail(`expected a States.* function at position ${this.pos}`);
    const name = m[0];
    const arity = INTRINSIC_ARITY[name];
    if (!arity) return this.fail(`unknown function '${name}'`);
    this.pos += name.length;
    this.skipSpaces();
    if (this.s[this.pos] !== '(') this.fail(`expected '(' after ${name}`);
    this.pos += 1;
    const args: IntrinsicArg[] = [];
    this.skipSpaces();
    if (this.s[this.pos] === ')') this.pos += 1;
    else {
      for (;;) {
        this.skipSpaces();
        args.push(this.parseArg());
        this.skipSpaces();
        const c = this.s[this.pos];
        this.pos += 1;
        if (c === ')') break;
        if (c !== ',') this.fail(`expected ',' or ')' at position ${this.pos - 1}`);
      }
    }
    const [min, max] = arity;
    if (args.length < min || args.length > max) {
      const expected =
        min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.fail(`${name} takes ${expected} argument(s), got ${args.length}`);
    }
    return { name, args, source: this.s.slice(start, this.pos) };
  }

  private parseArg(): IntrinsicArg {
    const c = this.s[this.pos];
    if (c === "'") return this.parseString();
    if (c === '$') return { kind: 'path', path: this.parsePathText() };
    if (this.s.startsWith('States.', this.pos)) return { kind: 'call', call: this.parseCall() };
    const word = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)(?![A-Za-z0-9_.])/.exec(
      this.s.slice(this.pos),
    );
    if (!word) return this.fail(`unexpected argument at position ${this.pos}`);
    this.pos += word[0].length;
    return { kind: 'literal', value: JSON.parse(word[0]) as number | boolean | null };
  }

  private parseString(): IntrinsicArg {
    this.pos += 1;
    let value = '';
    let part = '';
    const parts: string[] = [];
    for (;;) {
      const ch = this.s[this.pos];
      if (ch === undefined) return this.fail('unterminated string literal');
      this.pos += 1;
      if (ch === "'") break;
      if (ch === '\\') {
        const next = this.s[this.pos];
        if (next === "'" || next === '{' || next === '}' || next === '\\') {
          value += next;
          part += next;
          this.pos += 1;
          continue;
        }
      }
      if (ch === '{' && this.s[this.pos] === '}') {
        parts.push(part);
        part = '';
        value += '{}';
        this.pos += 1;
        continue;
      }
      value += ch;
      part += ch;
    }
    parts.push(part);
    return { kind: 'literal', value, formatParts: parts };
  }

  /** A path argument runs to the next top-level ',' or ')' (brackets and quotes may hold either). */
  private parsePathText(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos] as string;
      if (ch === "'" || ch === '"') {
        this.pos = this.skipQuoted(this.pos);
        continue;
      }
      if (ch === '[' || (ch === '(' && depth > 0)) depth += 1;
      else if (ch === ']' || (ch === ')' && depth > 0)) depth -= 1;
      else if (depth === 0 && (ch === ',' || ch === ')' || /\s/.test(ch))) break;
      this.pos += 1;
    }
    return this.s.slice(start, this.pos);
  }

  /** Position just past the quoted run starting at `start` (backslash escapes the next char). */
  private skipQuoted(start: number): number {
    const q = this.s[start];
    for (let i = start + 1; i < this.s.length; i++) {
      if (this.s[i] === '\\') i += 1;
      else if (this.s[i] === q) return i + 1;
    }
    return this.fail('unterminated quote in path argument');
  }
}

/**
 * Parser for the JSONPath dialect Step Functions accepts (AWS runs Jayway JsonPath): `$`, dot and
 * bracket members, indices (negative counts from the end), index lists, slices, `*`, `..` deep
 * scan and `[?(...)]` filters, rooted at the state input (`$`), the Context Object (`$$`) or a
 * workflow variable (`$name`).
 */
import { parseFilter, type FilterExpr } from './filter';

/** One step of a parsed path. */
export type Segment =
  | { kind: 'property'; names: string[] }
  | { kind: 'index'; indices: number[] }
  | { kind: 'slice'; start: number | undefined; end: number | undefined }
  | { kind: 'wildcard' }
  | { kind: 'filter'; expr: FilterExpr; source: string }
  | { kind: 'scan'; target: Segment };

/** Where a path starts. */
export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

/** A parsed path. `definite` paths select at most one node; the rest yield an array of matches. */
export interface ParsedPath {
  source: string;
  root: PathRoot;
  segments: Segment[];
  definite: boolean;
}

/** Raised for a path that is not valid JSONPath. Internal: callers turn it into a StatesError. */
export class PathSyntaxError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`Invalid JSONPath '${path}': ${detail}`);
    this.name = 'PathSyntaxError';
  }
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const cache = new Map<string, ParsedPath>();

/** True if the segment selects exactly one node. */
export function isDefiniteSegment(s: Segment): boolean {
  return (
    (s.kind === 'property' && s.names.length === 1) ||
    (s.kind === 'index' && s.indices.length === 1)
  );
}

/** Parses (and caches) a path; throws PathSyntaxError if it is malformed. */
export function parsePath(path: string): ParsedPath {
  const hit = cache.get(path);
  if (hit) return hit;
  const parsed = new PathParser(path).parse();
  if (cache.size > 500) cache.clear();
  cache.set(path, parsed);
  return parsed;
}

class PathParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parse(): ParsedPath {
    const root = this.parseRoot();
    const segments: Segment[] = [];
    while (this.pos < this.src.length) segments.push(this.parseSegment());
    return { source: this.src, root, segments, definite: segments.every(isDefiniteSegment) };
  }

  private fail(detail: string): never {
    throw new PathSyntaxError(this.src, detail);
  }

  private parseRoot(): PathRoot {
    if (this.src[0] !== '$') this.fail("a path must start with '$'");
    if (this.src[1] === '$') {
      this.pos = 2;
      return { kind: 'context' };
    }
    const name = VARIABLE_NAME.exec(this.src.slice(1));
    if (name) {
      this.pos = 1 + name[0].length;
      return { kind: 'variable', name: name[0] };
    }
    this.pos = 1;
    return { kind: 'input' };
  }

  private parseSegment(): Segment {
    const c = this.src[this.pos];
    if (c === '.') {
      if (this.src[this.pos + 1] === '.') {
        this.pos += 2;
        if (this.src[this.pos] === '[') return { kind: 'scan', target: this.parseBracket() };
        return { kind: 'scan', target: this.parseDotMember() };
      }
      this.pos += 1;
      return this.parseDotMember();
    }
    if (c === '[') return this.parseBracket();
    return this.fail(`unexpected '${c ?? ''}' at position ${this.pos}`);
  }

  private parseDotMember(): Segment {
    if (this.src[this.pos] === '*') {
      this.pos += 1;
      return { kind: 'wildcard' };
    }
    const start = this.pos;
    while (this.pos < this.src.length && !/[.[\s()]/.test(this.src[this.pos] ?? '')) this.pos += 1;
    if (this.pos === start) this.fail(`empty property name at position ${start}`);
    return { kind: 'property', names: [this.src.slice(start, this.pos)] };
  }

  private skipSpaces(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos += 1;
  }

  private expect(ch: string): void {
    this.skipSpaces();
    if (this.src[this.pos] !== ch) this.fail(`expected '${ch}' at position ${this.pos}`);
    this.pos += 1;
  }

  private parseBracket(): Segment {
    this.pos += 1; // '['
    this.skipSpaces();
    const c = this.src[this.pos];
    let seg: Segment;
    if (c === "'" || c === '"') seg = { kind: 'property', names: this.parseQuotedList() };
    else if (c === '*') {
      this.pos += 1;
      seg = { kind: 'wildcard' };
    } else if (c === '?') seg = this.parseFilterSegment();
    else seg = this.parseIndexOrSlice();
    this.expect(']');
    return seg;
  }

  private parseQuotedList(): string[] {
    const names = [this.parseQuoted()];
    this.skipSpaces();
    while (this.src[this.pos] === ',') {
      this.pos += 1;
      this.skipSpaces();
      names.push(this.parseQuoted());
      this.skipSpaces();
    }
    return names;
  }

  /**
   * A quoted member name. Only the delimiter itself is unescaped (`\'` inside '...'); any other
   * backslash is kept, as AWS does: `$['a\"b']` names the key `a\"b`.
   */
  private parseQuoted(): string {
    const quote = this.src[this.pos];
    if (quote !== "'" && quote !== '"')
      return this.fail(`expected a quoted name at position ${this.pos}`);
    this.pos += 1;
    let out = '';
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined) return this.fail('unterminated quoted name');
      if (ch === '\\' && this.src[this.pos + 1] === quote) {
        out += quote;
        this.pos += 2;
        continue;
      }
      this.pos += 1;
      if (ch === quote) {
        const next = this.src.slice(this.pos).trimStart()[0];
        if (next === ']' || next === ',') return out;
      }
      out += ch;
    }
  }

  private parseFilterSegment(): Segment {
    this.pos += 1; // '?'
    this.skipSpaces();
    if (this.src[this.pos] !== '(') this.fail("expected '(' after '?'");
    const open = this.pos;
    const close = findClosingParen(this.src, open);
    if (close < 0) this.fail('unterminated filter expression');
    const source = this.src.slice(open + 1, close);
    this.pos = close + 1;
    try {
      return { kind: 'filter', expr: parseFilter(source), source };
    } catch (e) {
      return this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  private parseIndexOrSlice(): Segment {
    const end = this.src.indexOf(']', this.pos);
    if (end < 0) this.fail("missing ']'");
    const body = this.src.slice(this.pos, end).trim();
    this.pos = end;
    if (body.includes(':')) {
      const parts = body.split(':').map((p) => p.trim());
      if (parts.length > 2) this.fail(`unsupported slice '[${body}]'`);
      const [a = '', b = ''] = parts;
      if (a === '' && b === '') this.fail(`empty slice '[${body}]'`);
      return { kind: 'slice', start: this.toInt(a, true), end: this.toInt(b, true) };
    }
    const indices = body.split(',').map((p) => this.toInt(p.trim(), false) as number);
    return { kind: 'index', indices };
  }

  private toInt(text: string, optional: boolean): number | undefined {
    if (text === '' && optional) return undefined;
    if (!/^-?\d+$/.test(text)) this.fail(`invalid array index '${text}'`);
    return Number(text);
  }
}

/** Index of the ')' closing the '(' at `open`, skipping quoted strings and regex literals. */
function findClosingParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const ch = src[i];
    if (ch === "'" || ch === '"' || (ch === '/' && /=~\s*$/.test(src.slice(open, i)))) {
      i = skipQuoted(src, i);
      if (i < 0) return -1;
    } else if (ch === '(') depth += 1;
    else if (ch === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function skipQuoted(src: string, start: number): number {
  const q = src[start];
  for (let i = start + 1; i < src.length; i++) {
    if (src[i] === '\\') i += 1;
    else if (src[i] === q) return i;
  }
  return -1;
}

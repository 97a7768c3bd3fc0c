/**
 * JSONPath filter expressions (`[?(@.price < 10 && @.tag in ['a','b'])]`), following Jayway's
 * operators: == != < <= > >= =~ in nin subsetof anyof noneof size empty, && || ! and parentheses.
 * A bare path tests existence. Paths inside a filter are resolved through a callback so this
 * module does not depend on the evaluator.
 */
import { isJsonObject, jsonEquals } from './json';

/** A filter operand or expression. */
export type FilterExpr =
  | { kind: 'literal'; value: unknown }
  | { kind: 'regex'; regex: RegExp }
  | { kind: 'path'; relative: boolean; rest: string }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'compare'; op: string; left: FilterExpr; right: FilterExpr };

/** Resolves a path inside a filter: `relative` means rooted at `@`, otherwise at the document root. */
export type FilterPathResolver = (
  relative: boolean,
  rest: string,
) => { found: boolean; value: unknown };

const WORD_OPS = ['subsetof', 'anyof', 'noneof', 'empty', 'size', 'nin', 'in'];
const SYMBOL_OPS = ['==', '!=', '<=', '>=', '=~', '<', '>'];

/** Parses the text between `[?(` and `)]`. Throws Error on malformed input. */
export function parseFilter(text: string): FilterExpr {
  const p = new FilterParser(text);
  const expr = p.parseOr();
  p.skipSpaces();
  if (!p.done()) throw new Error(`unexpected '${text.slice(p.pos)}' in filter`);
  return expr;
}

class FilterParser {
  pos = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }
  skipSpaces(): void {
    while (/\s/.test(this.s[this.pos] ?? '')) this.pos += 1;
  }
  private eat(token: string): boolean {
    this.skipSpaces();
    if (this.s.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.eat('||')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }
  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    while (this.eat('&&')) left = { kind: 'and', left, right: this.parseUnary() };
    return left;
  }
  private parseUnary(): FilterExpr {
    this.skipSpaces();
    if (this.s[this.pos] === '!' && this.s[this.pos + 1] !== '=') {
      this.pos += 1;
      return { kind: 'not', expr: this.parseUnary() };
    }
    if (this.eat('(')) {
      const inner = this.parseOr();
      if (!this.eat(')')) throw new Error("missing ')' in filter");
      return inner;
    }
    const left = this.parseOperand();
    const op = this.parseOperator();
    if (!op) return left;
    return { kind: 'compare', op, left, right: this.parseOperand() };
  }
  private parseOperator(): string | undefined {
    this.skipSpaces();
    for (const op of SYMBOL_OPS) if (this.s.startsWith(op, this.pos)) return this.take(op);
    for (const op of WORD_OPS) {
      if (
        this.s.startsWith(op, this.pos) &&
        !/[A-Za-z0-9_]/.test(this.s[this.pos + op.length] ?? '')
      ) {
        return this.take(op);
      }
    }
    return undefined;
  }
  private take(op: string): string {
    this.pos += op.length;
    return op;
  }

  private parseOperand(): FilterExpr {
    this.skipSpaces();
    const c = this.s[this.pos];
    if (c === '@' || c === '$') return this.parsePathOperand(c === '@');
    if (c === "'" || c === '"') return { kind: 'literal', value: this.parseString() };
    if (c === '/') return this.parseRegex();
    if (c === '[' || c === '{') return { kind: 'literal', value: this.parseJsonLiteral() };
    const word = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(this.s.slice(this.pos));
    if (!word) throw new Error(`unexpected '${this.s.slice(this.pos)}' in filter`);
    this.pos += word[0].length;
    return { kind: 'literal', value: JSON.parse(word[0]) as unknown };
  }

  private parsePathOperand(relative: boolean): FilterExpr {
    const start = ++this.pos;
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos] ?? '';
      if (ch === '[') {
        const close = this.findBracketEnd(this.pos);
        this.pos = close + 1;
      } else if (/[\s=!<>)&|]/.test(ch)) break;
      else this.pos += 1;
    }
    return { kind: 'path', relative, rest: this.s.slice(start, this.pos) };
  }
  private findBracketEnd(open: number): number {
    for (let i = open + 1; i < this.s.length; i++) {
      const ch = this.s[i];
      if (ch === "'" || ch === '"') {
        i = this.s.indexOf(ch, i + 1);
        if (i < 0) break;
      } else if (ch === ']') return i;
    }
    throw new Error("missing ']' in filter path");
  }
  private parseString(): string {
    const q = this.s[this.pos];
    let out = '';
    for (let i = this.pos + 1; i < this.s.length; i++) {
      const ch = this.s[i];
      if (ch === '\\' && i + 1 < this.s.length) {
        out += this.s[++i];
      } else if (ch === q) {
        this.pos = i + 1;
        return out;
      } else out += ch;
    }
    throw new Error('unterminated string in filter');
  }
  private parseRegex(): FilterExpr {
    const m = /^\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(this.s.slice(this.pos));
    if (!m) throw new Error('unterminated regex in filter');
    this.pos += m[0].length;
    return { kind: 'regex', regex: new RegExp(m[1] ?? '', (m[2] ?? '').replace(/[^imsu]/g, '')) };
  }
  /** A JSON array/object literal; single-quoted strings are accepted as Jayway does. */
  private parseJsonLiteral(): unknown {
    const open = this.s[this.pos];
    const close = open === '[' ? ']' : '}';
    let depth = 0;
    for (let i = this.pos; i < this.s.length; i++) {
      const ch = this.s[i];
      if (ch === "'" || ch === '"') {
        const end = this.s.indexOf(ch, i + 1);
        if (end < 0) break;
        i = end;
      } else if (ch === open) depth += 1;
      else if (ch === close && --depth === 0) {
        const text = this.s
          .slice(this.pos, i + 1)
          .replace(/'((?:[^'\\]|\\.)*)'/g, (_m, g: string) => JSON.stringify(g));
        this.pos = i + 1;
        return JSON.parse(text) as unknown;
      }
    }
    throw new Error('unterminated literal in filter');
  }
}

type Operand = { found: boolean; value: unknown };

function operand(expr: FilterExpr, resolve: FilterPathResolver): Operand {
  if (expr.kind === 'literal') return { found: true, value: expr.value };
  if (expr.kind === 'path') return resolve(expr.relative, expr.rest);
  return { found: true, value: evaluateFilter(expr, resolve) };
}

/** Evaluates a filter to a boolean for one candidate node (reached through `resolve`). */
export function evaluateFilter(expr: FilterExpr, resolve: FilterPathResolver): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluateFilter(expr.left, resolve) && evaluateFilter(expr.right, resolve);
    case 'or':
      return evaluateFilter(expr.left, resolve) || evaluateFilter(expr.right, resolve);
    case 'not':
      return !evaluateFilter(expr.expr, resolve);
    case 'path':
      return resolve(expr.relative, expr.rest).found;
    case 'literal':
      return expr.value === true;
    case 'regex':
      return false;
    case 'compare':
      return compare(expr, resolve);
  }
}

function compare(
  expr: Extract<FilterExpr, { kind: 'compare' }>,
  resolve: FilterPathResolver,
): boolean {
  const l = operand(expr.left, resolve);
  if (expr.op === '=~') {
    return (
      l.found &&
      typeof l.value === 'string' &&
      expr.right.kind === 'regex' &&
      expr.right.regex.test(l.value)
    );
  }
  const r = operand(expr.right, resolve);
  if (!l.found || !r.found) return expr.op === '!=' && l.found !== r.found;
  const a = l.value;
  const b = r.value;
  switch (expr.op) {
    case '==':
      return jsonEquals(a, b);
    case '!=':
      return !jsonEquals(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(expr.op, a, b);
    case 'in':
      return Array.isArray(b) && b.some((x) => jsonEquals(x, a));
    case 'nin':
      return Array.isArray(b) && !b.some((x) => jsonEquals(x, a));
    case 'subsetof':
      return (
        Array.isArray(a) && Array.isArray(b) && a.every((x) => b.some((y) => jsonEquals(x, y)))
      );
    case 'anyof':
      return Array.isArray(a) && Array.isArray(b) && a.some((x) => b.some((y) => jsonEquals(x, y)));
    case 'noneof':
      return (
        Array.isArray(a) && Array.isArray(b) && !a.some((x) => b.some((y) => jsonEquals(x, y)))
      );
    case 'size':
      return (typeof a === 'string' || Array.isArray(a)) && a.length === b;
    case 'empty': {
      const isEmpty =
        typeof a === 'string' || Array.isArray(a)
          ? a.length === 0
          : isJsonObject(a) && Object.keys(a).length === 0;
      return isEmpty === b;
    }
    default:
      return false;
  }
}

function ordered(op: string, a: unknown, b: unknown): boolean {
  const comparable =
    (typeof a === 'number' && typeof b === 'number') ||
    (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return false;
  const x = a as number | string;
  const y = b as number | string;
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

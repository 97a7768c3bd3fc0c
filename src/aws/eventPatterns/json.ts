/**
 * A streaming JSON tokenizer that behaves like the Jackson parser AWS's rule compiler
 * (aws/event-ruler `JsonRuleCompiler`) reads patterns with.
 *
 * Why not `JSON.parse`: the compiler validates while it streams, so the first problem in text
 * order wins (a bad match expression before a syntax error is what AWS reports); duplicate keys
 * are all seen (AWS merges `{"a":{"b":[1]},"a":{"c":[2]}}`, `JSON.parse` keeps only the last);
 * number tokens keep their source text; and text after the root object is never read. Syntax
 * errors use Jackson's wording, without the trailing location AWS strips from its messages.
 */

import { describeChar, jacksonSourceRef, PatternError } from '../ruler/errors';
import { isIdentifierChar, readNumber, readString, readWord } from '../ruler/jsonLexemes';
import type { JsonToken, TokenStream } from '../ruler/tokens';

interface Context {
  kind: 'OBJECT' | 'ARRAY';
  /** start: just after the open marker; name: a field name was read; value: a value was read. */
  state: 'start' | 'name' | 'value';
  /** Offset of the open marker, for Jackson's "start marker at" text. */
  offset: number;
}

const VALUE_EXPECTED = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** Tokenizes JSON text on demand; `text` and `currentName` describe the last token. */
export class JsonTokenizer implements TokenStream {
  private pos = 0;
  private readonly stack: Context[] = [];
  /** Source text of the last token (Jackson's `getText()`). */
  text = '';
  /** The last field name read (Jackson's `getCurrentName()`). */
  currentName = '';

  constructor(private readonly src: string) {}

  /** The next token, or null at the end of input (only possible outside any object or array). */
  nextToken(): JsonToken | null {
    const c = this.skipWhitespace();
    const ctx = this.stack[this.stack.length - 1];
    if (c < 0) {
      if (ctx) this.endOfInput(ctx);
      return null;
    }
    if (!ctx) return this.readValue(c);
    if (ctx.kind === 'OBJECT') {
      if (ctx.state === 'name') {
        ctx.state = 'value';
        return this.readValue(c);
      }
      if (c === 0x7d /* } */) return this.close('}');
      if (c === 0x5d /* ] */) this.mismatch(ctx, ']');
      if (ctx.state === 'value') {
        if (c !== 0x2c /* , */)
          this.unexpected(c, 'was expecting comma to separate Object entries');
        this.pos++;
        const n = this.skipWhitespace();
        if (n < 0) this.endOfInput(ctx);
        return this.readFieldName(ctx, n);
      }
      return this.readFieldName(ctx, c);
    }
    if (c === 0x5d /* ] */) return this.close(']');
    if (c === 0x7d /* } */) this.mismatch(ctx, '}');
    if (ctx.state === 'value') {
      if (c !== 0x2c) this.unexpected(c, 'was expecting comma to separate Array entries');
      this.pos++;
      const n = this.skipWhitespace();
      if (n < 0) this.endOfInput(ctx);
      return this.readValue(n);
    }
    ctx.state = 'value';
    return this.readValue(c);
  }

  /** The last token's text (Jackson's `getText()`), for the shared readers. */
  getText(): string {
    return this.text;
  }

  /** Jackson's location text, used inside the few messages that embed one. */
  private location(offset: number): string {
    let line = 1;
    let column = 1;
    for (let i = 0; i < offset && i < this.src.length; i++) {
      if (this.src.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else column++;
    }
    return jacksonSourceRef(this.src, line, column);
  }

  private skipWhitespace(): number {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        this.pos++;
        continue;
      }
      if (c === 0x2f /* / */) {
        this.unexpected(
          c,
          "maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
        );
      }
      if (c < 0x20) {
        throw new PatternError(
          `Illegal character (${describeChar(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`,
        );
      }
      return s.codePointAt(this.pos) ?? c;
    }
    return -1;
  }

  private close(marker: '}' | ']'): JsonToken {
    this.pos++;
    this.stack.pop();
    this.text = marker;
    this.afterValue();
    return marker === '}' ? 'END_OBJECT' : 'END_ARRAY';
  }

  private afterValue(): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.state = 'value';
  }

  private readFieldName(ctx: Context, c: number): JsonToken {
    if (c !== 0x22) this.unexpected(c, 'was expecting double-quote to start field name');
    const name = readString(this.src, this.pos, true);
    this.currentName = name.value;
    this.pos = name.end;
    const n = this.skipWhitespace();
    if (n < 0) this.endOfInput(ctx);
    if (n !== 0x3a /* : */)
      this.unexpected(n, 'was expecting a colon to separate field name and value');
    this.pos++;
    ctx.state = 'name';
    this.text = this.currentName;
    return 'FIELD_NAME';
  }

  private readValue(c: number): JsonToken {
    const start = this.pos;
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      this.stack.push({ kind: c === 0x7b ? 'OBJECT' : 'ARRAY', state: 'start', offset: start });
      this.pos++;
      this.text = c === 0x7b ? '{' : '[';
      return c === 0x7b ? 'START_OBJECT' : 'START_ARRAY';
    }
    let token: JsonToken;
    if (c === 0x22) {
      const str = readString(this.src, this.pos, false);
      this.text = str.value;
      this.pos = str.end;
      token = 'VALUE_STRING';
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const num = readNumber(this.src, this.pos);
      this.text = this.src.slice(this.pos, num.end);
      this.pos = num.end;
      token = num.isFloat ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT';
    } else if (c === 0x5d || c === 0x7d) {
      if (!this.stack.length) this.rootMismatch(c);
      // Jackson handles '}' itself but passes ']' to its "odd value" path, hence two wordings.
      this.unexpected(
        c,
        c === 0x7d ? 'expected a value' : `expected a valid value ${VALUE_EXPECTED}`,
      );
    } else if (isIdentifierChar(c)) {
      const wordEnd = readWord(this.src, this.pos);
      const word = this.src.slice(this.pos, wordEnd);
      this.pos = wordEnd;
      if (word === 'true') token = 'VALUE_TRUE';
      else if (word === 'false') token = 'VALUE_FALSE';
      else if (word === 'null') token = 'VALUE_NULL';
      else throw new PatternError(`Unrecognized token '${word}': was expecting ${VALUE_EXPECTED}`);
      this.text = word;
    } else {
      this.unexpected(c, `expected a valid value ${VALUE_EXPECTED}`);
    }
    this.afterValue();
    return token;
  }

  private unexpected(c: number, what: string): never {
    throw new PatternError(`Unexpected character (${describeChar(c)}): ${what}`);
  }

  private endOfInput(ctx: Context): never {
    throw new PatternError(
      `Unexpected end-of-input: expected close marker for ${ctx.kind} (start marker at ${this.location(ctx.offset)})`,
    );
  }

  private mismatch(ctx: Context, actual: '}' | ']'): never {
    const expected = ctx.kind === 'OBJECT' ? '}' : ']';
    const desc = ctx.kind === 'OBJECT' ? 'Object' : 'Array';
    throw new PatternError(
      `Unexpected close marker '${actual}': expected '${expected}' (for ${desc} starting at ${this.location(ctx.offset)})`,
    );
  }

  private rootMismatch(c: number): never {
    const actual = String.fromCharCode(c);
    throw new PatternError(
      `Unexpected close marker '${actual}': expected '${actual === '}' ? ']' : '}'}' (for root starting at ${jacksonSourceRef(this.src, 1, 0)})`,
    );
  }
}

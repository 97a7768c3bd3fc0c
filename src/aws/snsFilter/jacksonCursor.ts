/**
 * A token reader over compact JSON that reproduces the *positions* of Jackson's streaming parser,
 * which SNS's rule compiler (AWS event-ruler) walks. SNS appends that position to parse errors
 * (`at [Source: (String)"…"; line: 1, column: N]`), so to word errors exactly we must know where
 * Jackson's read pointer stands after each token. Two Jackson habits matter:
 * - after a field name it immediately reads the start of the value: literals and numbers whole,
 *   strings only up to the opening quote, `[`/`{` as one character;
 * - a string's body is consumed only when its text is asked for, or when the next token is read.
 * The input is always `JSON.stringify` output (SNS re-serialises policies compactly), so this
 * reader does not need to handle whitespace or malformed JSON; strings and numbers are read with
 * the Jackson lexemes shared with the EventBridge tokenizer.
 */
import { readNumber, readString } from '../ruler/jsonLexemes';
import type { JsonToken, TokenStream } from '../ruler/tokens';

/** Reads tokens from compact JSON text while tracking Jackson's read-pointer column. */
export class JacksonCursor implements TokenStream {
  private ptr = 0;
  private current: JsonToken | undefined;
  private pending: JsonToken | undefined;
  private readonly contexts: Array<'object' | 'array'> = [];
  private stringOpen = -1;
  private stringText = '';
  private literalText = '';
  private fieldName = '';

  constructor(private readonly text: string) {}

  /** Advances to the next token, as `JsonParser.nextToken()` does. */
  nextToken(): JsonToken | undefined {
    if (this.pending !== undefined) {
      // Jackson already read the value's start with the field name; no pointer movement now.
      this.current = this.pending;
      this.pending = undefined;
      return this.current;
    }
    if (this.stringOpen >= 0) this.finishString(false);
    const c = this.text[this.ptr];
    if (c === undefined) return (this.current = undefined);
    if (c === ']' || c === '}') {
      this.ptr += 1;
      this.contexts.pop();
      return (this.current = c === ']' ? 'END_ARRAY' : 'END_OBJECT');
    }
    if (c === ',') this.ptr += 1;
    if (this.contexts[this.contexts.length - 1] === 'object') {
      this.stringOpen = this.ptr;
      this.fieldName = this.finishString(true);
      this.ptr += 1; // the colon
      this.pending = this.readValueStart();
      return (this.current = 'FIELD_NAME');
    }
    return (this.current = this.readValueStart());
  }

  /** The name of the field most recently read (`getCurrentName()`). */
  get name(): string {
    return this.fieldName;
  }

  /** The current token's text (`getText()`); reading a string's text consumes its body. */
  getText(): string {
    switch (this.current) {
      case 'VALUE_STRING':
        if (this.stringOpen >= 0) this.stringText = this.finishString(false);
        return this.stringText;
      case 'FIELD_NAME':
        return this.fieldName;
      case 'START_OBJECT':
        return '{';
      case 'END_OBJECT':
        return '}';
      case 'START_ARRAY':
        return '[';
      case 'END_ARRAY':
        return ']';
      default:
        return this.literalText;
    }
  }

  /** The current numeric token's value (`getDoubleValue()`). */
  getNumber(): number {
    return Number(this.literalText);
  }

  /** Jackson's 1-based column of the read pointer (`getCurrentLocation().getColumnNr()`). */
  column(): number {
    return this.ptr + 1;
  }

  private readValueStart(): JsonToken {
    const c = this.text[this.ptr];
    switch (c) {
      case '"':
        this.stringOpen = this.ptr;
        this.ptr += 1;
        return 'VALUE_STRING';
      case '[':
      case '{':
        this.ptr += 1;
        this.contexts.push(c === '[' ? 'array' : 'object');
        return c === '[' ? 'START_ARRAY' : 'START_OBJECT';
      case 't':
        return this.readLiteral('true', 'VALUE_TRUE');
      case 'f':
        return this.readLiteral('false', 'VALUE_FALSE');
      case 'n':
        return this.readLiteral('null', 'VALUE_NULL');
      default: {
        const { end, isFloat } = readNumber(this.text, this.ptr);
        this.literalText = this.text.slice(this.ptr, end);
        this.ptr = end;
        return isFloat ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT';
      }
    }
  }

  private readLiteral(literal: string, kind: JsonToken): JsonToken {
    this.literalText = literal;
    this.ptr += literal.length;
    return kind;
  }

  /** Consumes the open string's body through its closing quote and returns its decoded text. */
  private finishString(isName: boolean): string {
    const { value, end } = readString(this.text, this.stringOpen, isName);
    this.ptr = end;
    this.stringOpen = -1;
    return value;
  }
}

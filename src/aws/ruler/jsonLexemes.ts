/**
 * The lexemes of JSON text (strings, numbers, bare words) read the way Jackson, the parser
 * event-ruler reads rules with, reads them, with Jackson's error wording (thrown as
 * {@link PatternError}). Kept apart from any tokenizer's structural state, so both engines'
 * tokenizers can share them: EventBridge's reads raw pattern text and reports every syntax error,
 * SNS's reads compact `JSON.stringify` output and only needs the lexemes' extents and values.
 */
import { describeChar, PatternError } from './errors';

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function unexpected(c: number, what: string): never {
  throw new PatternError(`Unexpected character (${describeChar(c)}): ${what}`);
}

/** Jackson gathers an unquoted word with Java's identifier-part rule before naming it in errors. */
export function isIdentifierChar(c: number): boolean {
  if (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f ||
    c === 0x24
  ) {
    return true;
  }
  return c > 0x7f && /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]/u.test(String.fromCodePoint(c));
}

/** The end offset of the bare word starting at `pos` (a literal or an unrecognized token). */
export function readWord(src: string, pos: number): number {
  let i = pos;
  while (i < src.length) {
    const c = src.codePointAt(i) ?? 0;
    if (!isIdentifierChar(c)) break;
    i += c > 0xffff ? 2 : 1;
  }
  return i;
}

/** Reads the string whose opening quote is at `pos`; `isName` selects Jackson's name wording. */
export function readString(
  src: string,
  pos: number,
  isName: boolean,
): { value: string; end: number } {
  let i = pos + 1;
  let out = '';
  let runStart = i;
  const endOfInput = (inEscape: boolean): never => {
    if (isName) throw new PatternError('Unexpected end-of-input in field name');
    throw new PatternError(
      inEscape
        ? 'Unexpected end-of-input in character escape sequence'
        : 'Unexpected end-of-input: was expecting closing quote for a string value',
    );
  };
  for (;;) {
    if (i >= src.length) endOfInput(false);
    const c = src.charCodeAt(i);
    if (c === 0x22) return { value: out + src.slice(runStart, i), end: i + 1 };
    if (c < 0x20) {
      throw new PatternError(
        `Illegal unquoted character (${describeChar(c)}): has to be escaped using backslash to be included in ${isName ? 'name' : 'string value'}`,
      );
    }
    if (c !== 0x5c) {
      i++;
      continue;
    }
    out += src.slice(runStart, i);
    i++;
    if (i >= src.length) endOfInput(true);
    const e = src.charCodeAt(i++);
    const simple = ESCAPES[String.fromCharCode(e)];
    if (simple !== undefined) out += simple;
    else if (e === 0x75 /* u */) {
      let code = 0;
      for (let k = 0; k < 4; k++, i++) {
        const h = i < src.length ? src.charCodeAt(i) : -1;
        const v = hexValue(h);
        if (h < 0) endOfInput(true);
        if (v < 0) unexpected(h, 'expected a hex-digit for character escape sequence');
        code = code * 16 + v;
      }
      out += String.fromCharCode(code);
    } else {
      throw new PatternError(`Unrecognized character escape ${describeChar(e)}`);
    }
    runStart = i;
  }
}

function numberError(src: string, i: number, what: string): never {
  if (i >= src.length) throw new PatternError('Unexpected end-of-input in a Number value');
  throw new PatternError(
    `Unexpected character (${describeChar(src.charCodeAt(i))}) in numeric value: ${what}`,
  );
}

/** Reads the number starting at `pos` (a minus sign or digit); the token text is src[pos, end). */
export function readNumber(src: string, pos: number): { end: number; isFloat: boolean } {
  let i = pos;
  let isFloat = false;
  if (src.charCodeAt(i) === 0x2d) {
    i++;
    if (!isDigit(src.charCodeAt(i))) {
      numberError(src, i, 'expected digit (0-9) to follow minus sign, for valid numeric value');
    }
  }
  if (src.charCodeAt(i) === 0x30 && isDigit(src.charCodeAt(i + 1))) {
    throw new PatternError('Invalid numeric value: Leading zeroes not allowed');
  }
  while (isDigit(src.charCodeAt(i))) i++;
  if (src.charCodeAt(i) === 0x2e) {
    isFloat = true;
    i++;
    if (!isDigit(src.charCodeAt(i))) numberError(src, i, 'Decimal point not followed by a digit');
    while (isDigit(src.charCodeAt(i))) i++;
  }
  const e = src.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    isFloat = true;
    i++;
    const sign = src.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(src.charCodeAt(i)))
      numberError(src, i, 'Exponent indicator not followed by a digit');
    while (isDigit(src.charCodeAt(i))) i++;
  }
  return { end: i, isFloat };
}

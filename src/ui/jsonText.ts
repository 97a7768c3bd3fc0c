/**
 * JSON text as the editors need it: a parse that says where the text goes wrong (JSON.parse's
 * messages carry no position in current engines), the tokens of a valid text, and a way to find
 * the place an AWS error message points at.
 */

/** A problem in a text, with the range of characters it concerns. */
export interface TextProblem {
  message: string;
  from: number;
  to: number;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; problem: TextProblem };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly from: number,
    readonly to: number,
  ) {
    super(message);
  }
}

/** What the character at `pos` is, for messages: `"}"`, "the end of the text". */
function shown(text: string, pos: number): string {
  if (pos >= text.length) return 'the end of the text';
  const c = text[pos] as string;
  if (c === '\n') return 'a line break';
  return `"${c}"`;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/** Checks JSON text by recursive descent, failing with the exact place of the first problem. */
function check(text: string): void {
  let pos = 0;
  const skip = () => {
    while (pos < text.length && WS.has(text[pos] as string)) pos++;
  };
  const fail = (message: string, from = pos, to = Math.min(text.length, from + 1)): never => {
    throw new JsonSyntaxError(message, from, Math.max(from, to));
  };
  const literal = (word: string) => {
    if (text.startsWith(word, pos)) pos += word.length;
    else {
      let end = pos;
      while (end < text.length && /[A-Za-z0-9_$-]/.test(text[end] as string)) end++;
      fail(
        `Unknown word "${text.slice(pos, Math.max(end, pos + 1))}": JSON strings need double quotes`,
        pos,
        Math.max(end, pos + 1),
      );
    }
  };
  const string = () => {
    const start = pos;
    pos++; // the opening quote
    while (pos < text.length) {
      const c = text[pos] as string;
      if (c === '"') {
        pos++;
        return;
      }
      if (c === '\n' || c === '\r') fail('This string is not closed on its line', start, pos);
      if (c.charCodeAt(0) < 0x20) fail('A control character must be escaped inside a string');
      if (c === '\\') {
        const e = text[pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6)))
            fail('"\\u" must be followed by four hex digits', pos, pos + 6);
          pos += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e))
          fail(`Unknown escape "\\${e ?? ''}" in a string`, pos, pos + 2);
        pos += 2;
        continue;
      }
      pos++;
    }
    fail('This string is not closed', start, text.length);
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!m || m[0] === '-') fail(`Unexpected ${shown(text, pos)}: expected a value`);
    const next = text[pos + (m?.[0].length ?? 0)];
    if (next !== undefined && /[0-9.eE]/.test(next))
      fail('This number is not written the JSON way', pos, pos + (m?.[0].length ?? 0) + 1);
    pos += m?.[0].length ?? 0;
  };
  const value = (depth: number): void => {
    if (depth > 200) fail('Nested too deeply');
    skip();
    const c = text[pos];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    if (c === "'") return fail('JSON strings need double quotes, not single ones');
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c !== undefined && /[A-Za-z_$]/.test(c)) return literal('\0');
    fail(`Unexpected ${shown(text, pos)}: expected a value`);
  };
  const object = (depth: number) => {
    const open = pos;
    pos++;
    skip();
    if (text[pos] === '}') {
      pos++;
      return;
    }
    let comma = -1;
    for (;;) {
      skip();
      if (text[pos] === '}') fail('Trailing comma: JSON has no comma before "}"', comma, comma + 1);
      if (text[pos] !== '"') {
        if (pos >= text.length) fail('This object is not closed: "}" is missing', open, open + 1);
        if (/[A-Za-z_$]/.test(text[pos] as string))
          fail('Field names need double quotes', pos, pos + 1);
        fail(`Unexpected ${shown(text, pos)}: expected a field name in double quotes`);
      }
      string();
      skip();
      if (text[pos] !== ':') fail(`Unexpected ${shown(text, pos)}: expected ":" after the name`);
      pos++;
      value(depth + 1);
      skip();
      if (text[pos] === ',') {
        comma = pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return;
      }
      if (pos >= text.length) fail('This object is not closed: "}" is missing', open, open + 1);
      fail(`Unexpected ${shown(text, pos)}: expected "," or "}"`);
    }
  };
  const array = (depth: number) => {
    const open = pos;
    pos++;
    skip();
    if (text[pos] === ']') {
      pos++;
      return;
    }
    let comma = -1;
    for (;;) {
      skip();
      if (text[pos] === ']') fail('Trailing comma: JSON has no comma before "]"', comma, comma + 1);
      if (pos >= text.length) fail('This array is not closed: "]" is missing', open, open + 1);
      value(depth + 1);
      skip();
      if (text[pos] === ',') {
        comma = pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return;
      }
      if (pos >= text.length) fail('This array is not closed: "]" is missing', open, open + 1);
      fail(`Unexpected ${shown(text, pos)}: expected "," or "]"`);
    }
  };
  skip();
  if (pos >= text.length) fail('Empty: write a JSON object, such as {}', 0, 0);
  value(0);
  skip();
  if (pos < text.length) fail('Unexpected text after the end of the JSON value', pos, text.length);
}

/** Parses JSON text; on a syntax error says what and where (character offsets). */
export function parseJson(text: string): JsonParse {
  try {
    check(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      return { ok: false, problem: { message: e.message, from: e.from, to: e.to } };
    throw e;
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return {
      ok: false,
      problem: { message: e instanceof Error ? e.message : String(e), from: 0, to: 0 },
    };
  }
}

/** A token of valid JSON text: punctuation, a string (quotes included), a number or a word. */
export interface JsonToken {
  from: number;
  to: number;
  text: string;
}

/** The tokens of valid JSON text, in order. */
export function jsonTokens(text: string): JsonToken[] {
  const out: JsonToken[] = [];
  let pos = 0;
  while (pos < text.length) {
    const c = text[pos] as string;
    if (WS.has(c)) {
      pos++;
      continue;
    }
    const start = pos;
    if (c === '"') {
      pos++;
      while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
      pos++;
    } else if ('{}[],:'.includes(c)) pos++;
    else
      while (
        pos < text.length &&
        !WS.has(text[pos] as string) &&
        !'{}[],:"'.includes(text[pos] as string)
      )
        pos++;
    out.push({ from: start, to: Math.min(pos, text.length), text: text.slice(start, pos) });
  }
  return out;
}

/**
 * Maps a column of the compact form AWS parses (`JSON.stringify` of the value, one line, columns
 * counted from 1) to the range of the same token in the reader's text. Undefined when the two do
 * not line up (duplicate names, which the compact form drops).
 */
export function mapCompactColumn(
  text: string,
  column: number,
): { from: number; to: number } | undefined {
  let compact: string;
  try {
    compact = JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
  const a = jsonTokens(compact);
  const b = jsonTokens(text);
  if (a.length !== b.length) return undefined;
  const at = column - 1;
  let index = -1;
  for (let i = 0; i < a.length; i++) if ((a[i] as JsonToken).from < at) index = i;
  const token = b[Math.max(0, index)];
  return token ? { from: token.from, to: token.to } : undefined;
}

/** The field-name token `"name"` (followed by ":") in the text, if any. */
function findKey(tokens: JsonToken[], name: string): JsonToken | undefined {
  const quoted = JSON.stringify(name);
  return tokens.find((t, i) => t.text === quoted && tokens[i + 1]?.text === ':');
}

const OPERATORS = [
  'anything-but',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'numeric',
  'exists',
  'cidr',
  'wildcard',
  '$or',
];

/**
 * Where in the text an AWS error message points: the field, operator or value the message names,
 * or an empty array it complains of; else near the column AWS gives of its compact form (the
 * rule engine reports where its reading stopped, often a token or two after the culprit).
 * Undefined when the message names no place (a limit on the whole rule, say).
 */
export function locateProblem(
  text: string,
  message: string,
  compactColumn?: number,
): { from: number; to: number } | undefined {
  let tokens: JsonToken[];
  try {
    JSON.parse(text);
    tokens = jsonTokens(text);
  } catch {
    return undefined;
  }
  const span = (t: JsonToken | undefined) => (t ? { from: t.from, to: t.to } : undefined);
  const value = /Value of (\S+)/.exec(message)?.[1];
  if (value) {
    const t = tokens.find((x) => x.text === JSON.stringify(value));
    if (t) return span(t);
  }
  for (const m of message.matchAll(/"([^"]+)"/g)) {
    const t = findKey(tokens, m[1] as string);
    if (t) return span(t);
  }
  const lower = message.toLowerCase();
  for (const op of OPERATORS) {
    if (!lower.includes(op)) continue;
    const t = findKey(tokens, op);
    if (t) return span(t);
  }
  if (/empty array/i.test(message)) {
    const i = tokens.findIndex((t, k) => t.text === '[' && tokens[k + 1]?.text === ']');
    if (i >= 0) return { from: (tokens[i] as JsonToken).from, to: (tokens[i + 1] as JsonToken).to };
  }
  return compactColumn === undefined ? undefined : mapCompactColumn(text, compactColumn);
}

/** Line and column (from 1) of an offset, for messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

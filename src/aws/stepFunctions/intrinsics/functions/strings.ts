/**
 * The string intrinsics: States.Format, States.StringSplit, States.Base64Encode,
 * States.Base64Decode, States.Hash and States.UUID.
 */
import { isJsonObject } from '../../paths/json';
import { base64DecodeUtf8, base64EncodeUtf8 } from '../base64';
import { invalidArguments, stringArg, type IntrinsicImpl } from '../context';
import { hashHex, isHashAlgorithm } from '../hash';

/** AWS caps the input of States.Base64Encode, States.Base64Decode and States.Hash at this many characters. */
export const STRING_INPUT_LIMIT = 10000;

/**
 * How States.Format prints an interpolated value (Java `toString` style): strings as they are,
 * `null`, numbers and booleans as JSON, objects as `{Arg1=1, Arg2=[]}`, arrays as `[a, b]`.
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${formatValue(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** A string limited to STRING_INPUT_LIMIT characters. */
function limitedString(args: unknown[], name: string): string {
  const s = stringArg(args, 0, name);
  return s.length > STRING_INPUT_LIMIT ? invalidArguments(name) : s;
}

/** An RFC 4122 version-4 UUID from 16 draws of `random`. */
export function uuidV4(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.min(255, Math.floor(random() * 256)));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The string intrinsics by name. */
export const stringFunctions: Record<string, IntrinsicImpl> = {
  /**
   * Replaces each `{}` with the next argument. A literal template may escape braces (`\{\}`);
   * the number of placeholders must equal the number of values.
   */
  'States.Format': (args, call) => {
    const name = 'States.Format';
    const first = call.args[0];
    const parts =
      first?.kind === 'literal' && first.formatParts
        ? first.formatParts
        : stringArg(args, 0, name).split('{}');
    const values = args.slice(1);
    if (parts.length - 1 !== values.length) invalidArguments(name);
    return parts.reduce(
      (out, part, i) => out + (i > 0 ? formatValue(values[i - 1]) : '') + part,
      '',
    );
  },

  /**
   * Splits on any of the delimiter characters and drops empty pieces (Java StringTokenizer):
   * `StringSplit('a.b+c', '.+')` is `["a","b","c"]`.
   */
  'States.StringSplit': (args) => {
    const name = 'States.StringSplit';
    const text = stringArg(args, 0, name);
    const delimiters = new Set(Array.from(stringArg(args, 1, name)));
    const tokens: string[] = [];
    let current = '';
    for (const ch of text) {
      if (delimiters.has(ch)) {
        if (current) tokens.push(current);
        current = '';
      } else current += ch;
    }
    if (current) tokens.push(current);
    return tokens;
  },

  'States.Base64Encode': (args) => base64EncodeUtf8(limitedString(args, 'States.Base64Encode')),

  'States.Base64Decode': (args) => {
    const name = 'States.Base64Decode';
    const decoded = base64DecodeUtf8(limitedString(args, name));
    return decoded ?? invalidArguments(name);
  },

  /** Hex digest of the UTF-8 bytes; the algorithm is one of MD5, SHA-1, SHA-256, SHA-384, SHA-512. */
  'States.Hash': (args) => {
    const name = 'States.Hash';
    const data = limitedString(args, name);
    const algorithm = stringArg(args, 1, name);
    return isHashAlgorithm(algorithm) ? hashHex(data, algorithm) : invalidArguments(name);
  },

  'States.UUID': (_args, _call, ctx) => uuidV4(ctx.random),
};

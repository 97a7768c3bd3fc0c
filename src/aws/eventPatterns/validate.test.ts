import { describe, expect, it } from 'vitest';
import { validateEventPattern } from './index';

const reason = (pattern: unknown): string => {
  const r = validateEventPattern(pattern);
  if (r.ok) throw new Error('expected the pattern to be invalid');
  expect(r.message.startsWith('Event pattern is not valid. Reason: ')).toBe(true);
  return r.message.slice('Event pattern is not valid. Reason: '.length);
};

describe('structure', () => {
  it('accepts valid patterns given as text or values', () => {
    expect(validateEventPattern('{"source": ["a"]}')).toEqual({ ok: true });
    expect(validateEventPattern({ detail: { $or: [{ a: [1] }, { b: [2] }] } })).toEqual({
      ok: true,
    });
  });

  it('rejects what is not an object', () => {
    expect(reason('[]')).toBe('Filter is not an object');
    expect(reason('')).toBe('Filter is not an object');
    expect(reason(null)).toBe('Filter is not an object');
    expect(reason(42)).toBe('Filter is not an object');
  });

  it('rejects empty objects and arrays and bare values', () => {
    expect(reason({})).toBe('Empty objects are not allowed');
    expect(reason({ a: {} })).toBe('Empty objects are not allowed');
    expect(reason({ a: [] })).toBe('Empty arrays are not allowed');
    expect(reason({ a: 'x' })).toBe('"a" must be an object or an array');
    expect(reason({ a: [['x']] })).toBe('Match value must be String, number, true, false, or null');
    expect(reason({ a: [{}] })).toBe('Match expression name not found');
  });

  it('checks $or', () => {
    expect(reason({ $or: { a: [1] } })).toBe('It must be an Array followed with $or.');
    expect(reason({ $or: [{ a: [1] }] })).toBe(
      'There must have at least 2 Objects in $or relationship.',
    );
    expect(reason({ $or: [{ a: [1] }, 'b'] })).toBe(
      'Only JSON object is allowed in array of $or relationship.',
    );
    expect(reason({ $or: [{ a: [1] }, { prefix: ['x'] }] })).toBe(
      'prefix is Ruler reserved fieldName which cannot be used inside $or.',
    );
  });

  it('reports the first problem in text order', () => {
    expect(reason('{"a": [{"prefix": 1}], "b": [}')).toBe('prefix match pattern must be a string');
    expect(reason('{"a": [1, }, "b": [{"prefix": 1}]}')).toBe(
      "Unexpected character ('}' (code 125)): expected a value",
    );
    expect(reason('{"a": [}]}')).toBe(
      'Unexpected close marker \'}\': expected \']\' (for Array starting at [Source: (String)"{"a": [}]}"; line: 1, column: 7])',
    );
  });

  it('ignores text after the root object, as the streaming compiler never reads it', () => {
    expect(validateEventPattern('{"a": ["x"]} trailing')).toEqual({ ok: true });
  });
});

describe('JSON syntax errors in Jackson wording', () => {
  it.each([
    [
      '{a: 1}',
      "Unexpected character ('a' (code 97)): was expecting double-quote to start field name",
    ],
    [
      '{"a" 1}',
      "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value",
    ],
    [
      '{"a": ["x" "y"]}',
      "Unexpected character ('\"' (code 34)): was expecting comma to separate Array entries",
    ],
    [
      '{"a": ["x"] "b": ["y"]}',
      "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries",
    ],
    [
      '{"a": [tru]}',
      "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    ],
    ['{"a": [01]}', 'Invalid numeric value: Leading zeroes not allowed'],
    ['{"a": ["x\\q"]}', "Unrecognized character escape 'q' (code 113)"],
    ['{"a": ["x', 'Unexpected end-of-input: was expecting closing quote for a string value'],
    [
      '{"a": [1,]}',
      "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    ],
    [
      '{"a": [1], }',
      "Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
    ],
    [
      '{"a": /* c */ [1]}',
      "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
    ],
  ])('%s', (text, message) => {
    expect(reason(text)).toBe(message);
  });

  it('embeds the start marker location where Jackson does', () => {
    expect(reason('{"a": ["x"]')).toBe(
      'Unexpected end-of-input: expected close marker for OBJECT (start marker at [Source: (String)"{"a": ["x"]"; line: 1, column: 1])',
    );
  });
});

describe('operators', () => {
  it('checks operator names and value types', () => {
    expect(reason({ a: [{ Prefix: 'x' }] })).toBe('Unrecognized match type Prefix');
    expect(reason({ a: [{ prefix: 'x', suffix: 'y' }] })).toBe(
      'Only one key allowed in match expression',
    );
    expect(reason({ a: [{ exists: 'yes' }] })).toBe(
      'exists match pattern must be either true or false.',
    );
    expect(reason({ a: [{ prefix: { 'equals-ignore-case': 1 } }] })).toBe(
      'equals-ignore-case match pattern must be a string',
    );
    expect(reason({ a: [{ prefix: { other: 'x' } }] })).toBe('Unsupported prefix pattern: other');
    expect(reason({ a: [{ 'anything-but': { other: 'x' } }] })).toBe(
      'Unsupported anything-but pattern: other',
    );
    expect(reason({ a: [{ 'anything-but': ['x', 1] }] })).toBe(
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
  });

  it('checks numeric expressions', () => {
    expect(reason({ a: [{ numeric: [] }] })).toBe('Invalid member in numeric match: ]');
    expect(reason({ a: [{ numeric: ['!', 1] }] })).toBe('Unrecognized numeric range operator: !');
    expect(reason({ a: [{ numeric: ['=', 'x'] }] })).toBe('Value of equals must be numeric');
    expect(reason({ a: [{ numeric: ['=', 1, 2] }] })).toBe(
      'Too many elements in numeric expression',
    );
    expect(reason({ a: [{ numeric: ['>', 1, 2] }] })).toBe('Bad value in numeric range: 2');
    expect(reason({ a: [{ numeric: ['>', 1, '<', 2, 3] }] })).toBe(
      'Too many terms in numeric range expression',
    );
    expect(reason({ a: [{ numeric: ['>', 5, '<', 5] }] })).toBe('Bottom must be less than top');
    expect(reason({ a: [{ numeric: ['<', 6e9] }] })).toBe(
      'Value must be between -5.0E9 and 5.0E9, inclusive',
    );
    expect(reason('{"a": [{"numeric": [">", 0.1234567]}]}')).toBe(
      'Only values upto 6 decimals are supported0.1234567 0.1234567 0x1.f9ae0c1765775p-4',
    );
  });

  it('checks cidr values', () => {
    expect(reason({ a: [{ cidr: '10.0.0.0' }] })).toBe("Malformed CIDR, one '/' required");
    expect(reason({ a: [{ cidr: '10.0.0.0/x' }] })).toBe(
      'Malformed CIDR, mask bits must be an integer',
    );
    expect(reason({ a: [{ cidr: '10.0.0.0/-1' }] })).toBe(
      'Malformed CIDR, mask bits must not be negative',
    );
    expect(reason({ a: [{ cidr: '10.0.0.0/32' }] })).toBe('IPv4 mask bits must be < 32');
    expect(reason({ a: [{ cidr: '::/128' }] })).toBe('IPv6 mask bits must be < 128');
    expect(reason({ a: [{ cidr: '300.0.0.0/8' }] })).toBe('Invalid IP address: 300.0.0.0');
    expect(reason({ a: [{ cidr: 'host/8' }] })).toBe('Nonstandard IP address: host');
  });

  it('checks wildcard escapes, counting UTF-8 bytes of the quoted value', () => {
    expect(reason({ a: [{ wildcard: 'a**' }] })).toBe('Consecutive wildcard characters at pos 2');
    expect(reason({ a: [{ wildcard: 'é**' }] })).toBe('Consecutive wildcard characters at pos 3');
    expect(reason({ a: [{ wildcard: 'a\\b' }] })).toBe('Invalid escape character at pos 2');
    expect(reason({ a: [{ 'anything-but': { wildcard: ['ok', 'x**'] } }] })).toBe(
      'Consecutive wildcard characters at pos 2',
    );
  });

  it('rejects wildcard rules that are too complex, and accepts ones that are not', () => {
    const tooComplex =
      'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';
    expect(
      reason({
        key: [
          { wildcard: '*/datasync/*.bif' },
          { wildcard: '*/datasync/*.tif' },
          { wildcard: '*/datasync/*.tiff' },
          { wildcard: '*/datasync/*.svs' },
        ],
      }),
    ).toBe(tooComplex);
    expect(
      validateEventPattern({
        key: [{ wildcard: '*/datasync/*.bif' }, { wildcard: '*/datasync/*.tif' }],
      }),
    ).toEqual({ ok: true });
    expect(
      validateEventPattern({
        key: [
          { wildcard: '*.bif' },
          { wildcard: '*.tiff' },
          { wildcard: '*.tif' },
          { wildcard: '*.svs' },
        ],
      }),
    ).toEqual({ ok: true });
    // AWS skips machines that are reachable only through an exists:false field.
    expect(
      validateEventPattern({ a: [{ exists: false }], b: [{ wildcard: '*:*:*:*:*:*' }] }),
    ).toEqual({ ok: true });
    expect(reason({ a: ['x'], b: [{ wildcard: '*:*:*:*:*:*' }] })).toBe(tooComplex);
  });
});

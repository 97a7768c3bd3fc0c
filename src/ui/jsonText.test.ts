import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonTokens, lineColumn, locateProblem, mapCompactColumn, parseJson } from './jsonText';

/** The text a problem marks. */
function marked(text: string): string {
  const r = parseJson(text);
  if (r.ok) throw new Error(`expected a problem in ${text}`);
  return text.slice(r.problem.from, r.problem.to);
}

describe('parseJson', () => {
  it('agrees with JSON.parse on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const r = parseJson(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual(JSON.parse(text));
      }),
    );
  });

  it('refuses what JSON.parse refuses', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(parseJson(text).ok).toBe(valid);
      }),
    );
  });

  it('says where the text goes wrong', () => {
    expect(marked('{"source": [}')).toBe('}');
    expect(marked('{"source": ["a",]}')).toBe(',');
    expect(marked('{"a": 1,}')).toBe(',');
    expect(marked("{'a': 1}")).toBe("'");
    expect(marked('{a: 1}')).toBe('a');
    expect(marked('{"a" 1}')).toBe('1');
    expect(marked('{"a": tru}')).toBe('tru');
    expect(marked('{"a": "x\n"}')).toBe('"x');
    expect(marked('{"a": 01}')).toBe('01');
    expect(marked('{"a": 1} x')).toBe('x');
    expect(marked('{"a": [1, 2}')).toBe('}');
    expect(marked('{"a": "\\q"}')).toBe('\\q');
    const open = parseJson('{"a": [1');
    expect(open.ok).toBe(false);
    if (!open.ok) expect(open.problem.message).toMatch(/not closed/);
    const empty = parseJson('  ');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.problem.message).toMatch(/Empty/);
  });
});

describe('finding the place an AWS message points at', () => {
  const at = (text: string, message: string, column?: number) => {
    const r = locateProblem(text, message, column);
    return r ? text.slice(r.from, r.to) : undefined;
  };

  it('marks the field, operator or value the message names', () => {
    const text =
      '{\n  "source": "x",\n  "a": [{"prefix": 5}],\n  "n": [{"numeric": ["<", "x"]}]\n}';
    expect(
      at(text, 'Invalid parameter: FilterPolicy: "source" must be an object or an array'),
    ).toBe('"source"');
    expect(at(text, 'prefix match pattern must be a string')).toBe('"prefix"');
    expect(at(text, 'Value of < must be numeric')).toBe('"<"');
    expect(at('{"a": []}', 'Empty arrays are not allowed')).toBe('[]');
    expect(at(text, 'Filter policy can not have more than 5 keys')).toBeUndefined();
  });

  it('maps a column of the compact form to the reader’s layout', () => {
    const text = '{\n  "a": {\n    "b": [1, 2]\n  }\n}';
    // Compact: {"a":{"b":[1,2]}}. The rule engine reports the column where its reading stopped,
    // just past the culprit: column 15 (from 1) is the "]" after the "2".
    const r = mapCompactColumn(text, 15);
    expect(r && text.slice(r.from, r.to)).toBe('2');
    expect(at(text, 'something without a name', 15)).toBe('2');
    // Duplicate names do not survive JSON.parse: no mapping rather than a wrong one.
    expect(mapCompactColumn('{"a": 1, "a": 2}', 6)).toBeUndefined();
  });

  it('tokenises valid JSON and counts lines and columns from 1', () => {
    expect(jsonTokens('{"a\\"b": [1, true]}').map((t) => t.text)).toEqual([
      '{',
      '"a\\"b"',
      ':',
      '[',
      '1',
      ',',
      'true',
      ']',
      '}',
    ]);
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});

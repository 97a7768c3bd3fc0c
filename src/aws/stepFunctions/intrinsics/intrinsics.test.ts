import { describe, expect, it } from 'vitest';
import { StatesError } from '../statesError';
import { evaluateIntrinsic, isIntrinsicValid, JavaRandom, parseIntrinsic } from '.';

const ctx = {
  context: { Execution: { Input: { start: 2 } } },
  variables: { v: [1, 2] },
  random: () => 0.25,
};
const run = (expr: string, input: unknown = {}) => evaluateIntrinsic(expr, input, ctx);

function failure(expr: string, input: unknown = {}): { error: string; cause: string } {
  try {
    run(expr, input);
  } catch (e) {
    if (e instanceof StatesError) return { error: e.error, cause: e.cause };
    throw e;
  }
  throw new Error(`expected ${expr} to fail`);
}
const invalid = (expr: string, fn: string, input: unknown = {}) =>
  expect(failure(expr, input)).toEqual({
    error: 'States.Runtime',
    cause: `The function '${expr}' had the following error: Invalid arguments in ${fn}`,
  });

describe('parser', () => {
  it('parses nested calls, literals and paths', () => {
    const call = parseIntrinsic(
      "States.Format('a{}', States.Array(1, -2.5, 1e2, true, false, null, $.x[0], $$.y, $v))",
    );
    expect(call.name).toBe('States.Format');
    const inner = call.args[1];
    expect(
      inner?.kind === 'call' &&
        inner.call.args.map((a) =>
          a.kind === 'literal' ? a.value : a.kind === 'path' ? a.path : '?',
        ),
    ).toEqual([1, -2.5, 100, true, false, null, '$.x[0]', '$$.y', '$v']);
  });

  it("unescapes \\' \\{ \\} \\\\ in string literals", () => {
    expect(run("States.Format('it\\'s \\{\\} {} \\\\', 'x')")).toBe("it's {} x \\");
    expect(run("States.Array('a\\'b')")).toEqual(["a'b"]);
  });

  it('allows commas and parentheses inside path brackets', () => {
    expect(
      run('States.Array($.a[0,1], $.b[?(@.x > 1)])', { a: [1, 2, 3], b: [{ x: 1 }, { x: 2 }] }),
    ).toEqual([[1, 2], [{ x: 2 }]]);
  });

  it.each([
    'States.Format',
    'States.format($.a)',
    'States.Unknown()',
    "States.Format('a'",
    "States.Format('a') extra",
    'States.ArrayRange(1, 2)',
    'States.UUID(1)',
    'States.Array(foo)',
    '$.a',
  ])('rejects %s', (expr) => {
    expect(isIntrinsicValid(expr)).toBe(false);
    expect(() => run(expr)).toThrow(StatesError);
  });
});

describe('path arguments', () => {
  it('read the input, the Context Object and variables', () => {
    expect(run('States.Array($, $$.Execution.Input.start, $v)', { a: 1 })).toEqual([
      { a: 1 },
      2,
      [1, 2],
    ]);
  });

  it('fail with the AWS cause when they select nothing, naming the whole expression', () => {
    expect(failure("States.Format('{}', States.Format('{}', $.nope))", { other: 1 })).toEqual({
      error: 'States.Runtime',
      cause:
        "The function 'States.Format('{}', States.Format('{}', $.nope))' had the following error: " +
        "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    });
  });

  it('treat an index past the end as a miss, and report $$ paths rewritten', () => {
    expect(failure("States.Format('{}', $.items[5])", { items: [1, 2] }).cause).toContain(
      "field '$.items[5]' could not be found",
    );
    expect(failure("States.Format('{}', $$.Nope.Deep)", { other: 1 }).cause).toBe(
      "The function 'States.Format('{}', $$.Nope.Deep)' had the following error: " +
        "The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '{\"other\":1}'",
    );
  });

  it('an explicit null is a value, and an empty wildcard match is []', () => {
    expect(run("States.Format('{}', $.n)", { n: null })).toBe('null');
    expect(run('States.ArrayLength($.items[*].nope)', { items: [1, 2] })).toBe(0);
  });
});

describe('States.Format', () => {
  it('prints values the Java way', () => {
    expect(run("States.Format('{} {} {} {} {}', 'x', 1, 1.5, true, null)")).toBe(
      'x 1 1.5 true null',
    );
    expect(
      run("States.Format('{}', $.o)", { o: { Arg1: 1, Arg2: [], s: 'v', n: { m: [1, 'a'] } } }),
    ).toBe('{Arg1=1, Arg2=[], s=v, n={m=[1, a]}}');
  });

  it('takes its template from a path', () => {
    expect(run('States.Format($.t, 1)', { t: 'n={}' })).toBe('n=1');
  });

  it('requires as many values as placeholders', () => {
    invalid("States.Format('{} {}', 1)", 'States.Format');
    invalid("States.Format('{}', 1, 2)", 'States.Format');
    invalid('States.Format(1)', 'States.Format');
  });
});

describe('JSON functions', () => {
  it('StringToJson parses, with blank text as null', () => {
    expect(run('States.StringToJson(\'{"a": [1, "x"]}\')')).toEqual({ a: [1, 'x'] });
    expect(run("States.StringToJson('  ')")).toBeNull();
    expect(Object.is(run("States.StringToJson('-0')"), 0)).toBe(true);
    invalid("States.StringToJson('{oops')", 'States.StringToJson');
    invalid('States.StringToJson(1)', 'States.StringToJson');
  });

  it('JsonToString prints compact JSON', () => {
    expect(run('States.JsonToString($)', { Arg1: 1, Arg2: [], s: 'é' })).toBe(
      '{"Arg1":1,"Arg2":[],"s":"é"}',
    );
  });

  it('JsonMerge merges shallowly and refuses deep mode', () => {
    expect(
      run('States.JsonMerge($.a, $.b, false)', { a: { x: { p: 1 }, y: 1 }, b: { x: { q: 2 } } }),
    ).toEqual({ x: { q: 2 }, y: 1 });
    invalid('States.JsonMerge($.a, $.a, true)', 'States.JsonMerge', { a: {} });
    invalid('States.JsonMerge($.a, $.b, false)', 'States.JsonMerge', { a: {}, b: [] });
  });
});

describe('array functions', () => {
  it('Array, Length, Contains, Unique', () => {
    expect(run('States.Array()')).toEqual([]);
    expect(run('States.ArrayLength($)', [1, 2, 3])).toBe(3);
    expect(run('States.ArrayContains($.a, $.b)', { a: [{ k: [1] }, 2], b: { k: [1] } })).toBe(true);
    expect(run('States.ArrayContains($.a, 3)', { a: [1, 2] })).toBe(false);
    expect(
      run('States.ArrayUnique($)', [1, 1, 2, { a: 1 }, { a: 1 }, [null], [null], 1.1]),
    ).toEqual([1, 2, { a: 1 }, [null], 1.1]);
    invalid("States.ArrayLength('x')", 'States.ArrayLength');
  });

  it('ArrayPartition truncates the chunk size and rejects < 1', () => {
    expect(run('States.ArrayPartition($, 4)', [1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
    expect(run('States.ArrayPartition($, 2.6)', [1, 2, 3, 4, 5])).toEqual([[1, 2], [3, 4], [5]]);
    invalid('States.ArrayPartition($, 0.6)', 'States.ArrayPartition', [1]);
    invalid('States.ArrayPartition($, -1)', 'States.ArrayPartition', [1]);
    invalid("States.ArrayPartition($, '2')", 'States.ArrayPartition', [1]);
  });

  it('ArrayRange is inclusive, steps either way, truncates and caps at 1000', () => {
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayRange(0, 10, 3)')).toEqual([0, 3, 6, 9]);
    expect(run('States.ArrayRange(5, 1, -2)')).toEqual([5, 3, 1]);
    expect(run('States.ArrayRange(3, 3, -1)')).toEqual([3]);
    expect(run('States.ArrayRange(1, 5, -1)')).toEqual([]);
    expect(run('States.ArrayRange(5.4, -0.6, -2.4)')).toEqual([5, 3, 1]);
    expect(run('States.ArrayRange(1.6, 1.4, 1)')).toEqual([1]);
    expect((run('States.ArrayRange(1, 1000, 1)') as number[]).length).toBe(1000);
    invalid('States.ArrayRange(1, 1001, 1)', 'States.ArrayRange');
    invalid('States.ArrayRange(1, 10, 0.49)', 'States.ArrayRange');
    invalid("States.ArrayRange('a', 5, 1)", 'States.ArrayRange');
  });

  it('ArrayGetItem rejects out-of-range indices', () => {
    expect(run('States.ArrayGetItem($, 5)', [1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe(6);
    invalid('States.ArrayGetItem($, 3)', 'States.ArrayGetItem', [1, 2, 3]);
    invalid('States.ArrayGetItem($, -1)', 'States.ArrayGetItem', [1, 2, 3]);
  });
});

describe('math functions', () => {
  it('MathAdd rounds each operand like Java Math.round', () => {
    const cases: [number, number, number][] = [
      [1.49, 1.5, 3],
      [-1.5, 0, -1],
      [-2.5, 0, -2],
      [2.5, 0, 3],
      [-0.5, 0, 0],
      [111, -1, 110],
    ];
    for (const [a, b, sum] of cases) expect(run('States.MathAdd($.a, $.b)', { a, b })).toBe(sum);
    expect(Object.is(run('States.MathAdd(-0.5, 0)'), 0)).toBe(true);
    invalid("States.MathAdd(1, 'x')", 'States.MathAdd');
    invalid('States.MathAdd(2147483647, 1)', 'States.MathAdd');
  });

  it('MathRandom stays in [start, end), truncating bounds', () => {
    for (const r of [0, 0.5, 0.999999]) {
      const v = evaluateIntrinsic('States.MathRandom(1.6, 5.4)', {}, { random: () => r }) as number;
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThan(5);
    }
    invalid('States.MathRandom(1, 1)', 'States.MathRandom');
    invalid('States.MathRandom(1.4, 1.6)', 'States.MathRandom');
    invalid('States.MathRandom(10, 5)', 'States.MathRandom');
    invalid('States.MathRandom(1, 10, null)', 'States.MathRandom');
  });

  it('seeded MathRandom is deterministic (java.util.Random)', () => {
    expect(run('States.MathRandom(1, 100, 42)')).toBe(run('States.MathRandom(1, 100, 42)'));
    expect(run('States.MathRandom(0, 10, 42)')).toBe(new JavaRandom(42).nextIntBounded(10));
  });

  it('JavaRandom matches known java.util.Random outputs', () => {
    expect(new JavaRandom(42).nextDouble()).toBe(0.7275636800328681);
    expect(new JavaRandom(42).nextInt()).toBe(-1170105035);
    expect(new JavaRandom(42).nextIntBounded(10)).toBe(0);
    expect(new JavaRandom(0).nextInt()).toBe(-1155484576);
  });
});

describe('string functions', () => {
  it('StringSplit splits on any delimiter character and drops empty pieces', () => {
    expect(run('States.StringSplit($.s, $.d)', { s: 'This.is+a,test=string', d: '.+,=' })).toEqual([
      'This',
      'is',
      'a',
      'test',
      'string',
    ]);
    expect(run("States.StringSplit(',,,,', ',')")).toEqual([]);
    expect(run("States.StringSplit('a😀b', '😀')")).toEqual(['a', 'b']);
    expect(run("States.StringSplit('abc', '')")).toEqual(['abc']);
  });

  it('Base64 encodes and decodes UTF-8', () => {
    expect(run("States.Base64Encode('Data to encode')")).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(run("States.Base64Encode('héllo €')")).toBe('aMOpbGxvIOKCrA==');
    expect(run("States.Base64Decode('aMOpbGxvIOKCrA==')")).toBe('héllo €');
    invalid("States.Base64Decode('abc')", 'States.Base64Decode');
    invalid("States.Base64Decode('ab$=')", 'States.Base64Decode');
    invalid('States.Base64Encode($)', 'States.Base64Encode', 'x'.repeat(10001));
  });

  it('Hash supports the five algorithms over UTF-8', () => {
    expect(run("States.Hash('input data', 'MD5')")).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(run("States.Hash('input data', 'SHA-1')")).toBe(
      'aaff4a450a104cd177d28d18d74485e8cae074b7',
    );
    expect(run("States.Hash('', 'SHA-256')")).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(run("States.Hash('é', 'MD5')")).toBe('66ddcd97cfdeabb2f6fb8a999b4bc76f');
    invalid("States.Hash('x', 'SHA-224')", 'States.Hash');
    invalid("States.Hash('x', 'md5')", 'States.Hash');
  });

  it('UUID is a version-4 UUID drawn from the injected random source', () => {
    const uuid = run('States.UUID()') as string;
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evaluateIntrinsic('States.UUID()', {}, { random: () => 0 })).toBe(
      '00000000-0000-4000-8000-000000000000',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { StatesError } from '../statesError';
import { applyResultPath, evaluatePayloadTemplate, validatePayloadTemplate } from '.';

const ctx = {
  context: { Execution: { Input: { fromCtx: 42 } }, Map: { Item: { Value: 'item', Index: 0 } } },
  variables: { greeting: 'hi' },
  random: () => 0.5,
};

function failure(fn: () => unknown): { error: string; cause: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatesError) return { error: e.error, cause: e.cause };
    throw e;
  }
  throw new Error('expected a StatesError');
}

describe('evaluatePayloadTemplate', () => {
  it('evaluates `.$` fields and copies the rest, recursing into objects and arrays', () => {
    const template = {
      literal: 'x',
      n: 1,
      nil: null,
      'fromInput.$': '$.a',
      nested: { 'deep.$': '$.b[1]', list: [{ 'inArray.$': '$.a' }, 'plain'] },
      'whole.$': '$',
    };
    const input = { a: 'A', b: [1, 2] };
    expect(evaluatePayloadTemplate(template, input, ctx)).toEqual({
      literal: 'x',
      n: 1,
      nil: null,
      fromInput: 'A',
      nested: { deep: 2, list: [{ inArray: 'A' }, 'plain'] },
      whole: input,
    });
  });

  it('reads the Context Object, variables and intrinsics', () => {
    const template = {
      'ctx.$': '$$.Execution.Input.fromCtx',
      'item.$': '$$.Map.Item.Value',
      'var.$': '$greeting',
      'fmt.$': "States.Format('{} {}', $greeting, $.name)",
      'arr.$': 'States.ArrayRange(0, 3, 1)',
    };
    expect(evaluatePayloadTemplate(template, { name: 'Ann' }, ctx)).toEqual({
      ctx: 42,
      item: 'item',
      var: 'hi',
      fmt: 'hi Ann',
      arr: [0, 1, 2, 3],
    });
  });

  it('returns indefinite path results as arrays', () => {
    expect(
      evaluatePayloadTemplate({ 'ids.$': '$.xs[*].id' }, { xs: [{ id: 1 }, { id: 2 }] }, ctx),
    ).toEqual({ ids: [1, 2] });
  });

  it('does not mutate the template or the input', () => {
    const template = { a: { 'b.$': '$.v' } };
    const input = { v: [1] };
    const out = evaluatePayloadTemplate(template, input, ctx) as { a: { b: unknown } };
    expect(template).toEqual({ a: { 'b.$': '$.v' } });
    expect(out.a.b).toEqual([1]);
  });

  it('fails with the AWS cause when a field path selects nothing', () => {
    expect(failure(() => evaluatePayloadTemplate({ 'JobName.$': '$.JobName' }, {}, ctx))).toEqual({
      error: 'States.Runtime',
      cause:
        "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'",
    });
    expect(
      failure(() =>
        evaluatePayloadTemplate({ 'address.$': '$.application.address' }, { flagged: false }, ctx),
      ).cause,
    ).toBe(
      "The JSONPath '$.application.address' specified for the field 'address.$' could not be found in the input '{\"flagged\":false}'",
    );
  });

  it('names the Context Object for a missing $$ field', () => {
    const small = { ...ctx, context: { State: { Name: 'P' } } };
    expect(
      failure(() => evaluatePayloadTemplate({ 'v.$': '$$.Nope' }, { a: 1 }, small)).cause,
    ).toBe(
      'The JSONPath \'$$.Nope\' specified for the field \'v.$\' could not be found in the input \'{"State":{"Name":"P"}}\'',
    );
  });

  it('propagates intrinsic failures with the function cause', () => {
    expect(
      failure(() =>
        evaluatePayloadTemplate({ 'v.$': "States.Format('{}', $.nope)" }, { other: 1 }, ctx),
      ),
    ).toEqual({
      error: 'States.Runtime',
      cause:
        "The function 'States.Format('{}', $.nope)' had the following error: " +
        "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    });
  });
});

describe('validatePayloadTemplate', () => {
  it('accepts paths and intrinsics and reports everything else', () => {
    expect(
      validatePayloadTemplate({
        'a.$': '$.x',
        b: { 'c.$': 'States.UUID()' },
        d: [{ 'e.$': '$$.Task.Token' }],
      }),
    ).toEqual([]);
    expect(
      validatePayloadTemplate({ 'a.$': 'nope', b: [{ 'c.$': 'States.format($.x)' }], 'd.$': 3 }),
    ).toEqual([
      "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call",
      "The value for the field 'c.$' must be a valid JSONPath or a valid intrinsic function call",
      "The value for the field 'd.$' must be a valid JSONPath or a valid intrinsic function call",
    ]);
  });
});

describe('applyResultPath', () => {
  const input = { a: 1, nested: { keep: true } };

  it('null keeps the input, undefined and $ take the result', () => {
    expect(applyResultPath(input, null, 'r')).toBe(input);
    expect(applyResultPath(input, undefined, 'r')).toBe('r');
    expect(applyResultPath(input, '$', 'r')).toBe('r');
  });

  it('writes nested, creating objects, without mutating the input', () => {
    expect(applyResultPath(input, '$.x.y.z', 5)).toEqual({
      a: 1,
      nested: { keep: true },
      x: { y: { z: 5 } },
    });
    expect(applyResultPath(input, '$.nested.out', 'r')).toEqual({
      a: 1,
      nested: { keep: true, out: 'r' },
    });
    expect(applyResultPath(input, '$.a', { replaced: true })).toEqual({
      a: { replaced: true },
      nested: { keep: true },
    });
    expect(input).toEqual({ a: 1, nested: { keep: true } });
  });

  it('writes into an existing array element', () => {
    expect(applyResultPath({ l: [{}, {}] }, '$.l[1].v', 1)).toEqual({ l: [{}, { v: 1 }] });
  });

  it('fails with States.ResultPathMatchFailure through a non-object', () => {
    expect(failure(() => applyResultPath('text', '$.x', 1))).toEqual({
      error: 'States.ResultPathMatchFailure',
      cause: 'Unable to apply ResultPath "$.x" to input "text"',
    });
    expect(failure(() => applyResultPath({ a: 1 }, '$.a.b', 1)).error).toBe(
      'States.ResultPathMatchFailure',
    );
    expect(failure(() => applyResultPath({ l: [] }, '$.l[0]', 1)).error).toBe(
      'States.ResultPathMatchFailure',
    );
  });

  it('rejects a ResultPath that is not a Reference Path', () => {
    expect(failure(() => applyResultPath({}, '$.a[*]', 1)).error).toBe('States.Runtime');
    expect(failure(() => applyResultPath({}, '$$.a', 1)).error).toBe('States.Runtime');
  });
});

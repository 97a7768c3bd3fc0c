import { describe, expect, it } from 'vitest';
import { validateFilterPolicy, type FilterPolicyValidation } from './index';

function messageOf(result: FilterPolicyValidation): string {
  return result.ok ? 'OK' : result.message;
}

function fullOf(result: FilterPolicyValidation): string {
  return result.ok ? 'OK' : result.fullMessage;
}

const SUB = 'Invalid parameter: Attributes Reason: FilterPolicy: ';

describe('validateFilterPolicy: parser positions', () => {
  // Full messages as AWS returned them (LocalStack's AWS-recorded snapshot, 2024-05), including
  // the Jackson position SNS appends. The conformance data keeps only the first line.
  const recorded: Array<[unknown, string, number]> = [
    [{ key: [['value']] }, 'Match value must be String, number, true, false, or null', 10],
    [{ key: [{ 'wrong-operator': true }] }, 'Unrecognized match type wrong-operator', 31],
    [
      { key: [{ suffix: 'value', prefix: 'value2' }] },
      'Only one key allowed in match expression',
      37,
    ],
    [{ key: [{ suffix: null }] }, 'suffix match pattern must be a string', 23],
    [{ key: [{ suffix: ['test', 'test2'] }] }, 'suffix match pattern must be a string', 20],
    [
      { key: { 'not-an-operator': 'value' } },
      '"not-an-operator" must be an object or an array',
      28,
    ],
    [{ key: [{ numeric: [] }] }, 'Invalid member in numeric match: ]', 22],
    [{ key: [{ numeric: ['operator'] }] }, 'Unrecognized numeric range operator: operator', 32],
    [{ key: [{ numeric: ['=', '000'] }] }, 'Value of equals must be numeric', 26],
    [{ key: [{ numeric: ['>', 3, '<', 1] }] }, 'Bottom must be less than top', 33],
    [{ key: [{ numeric: ['>', 20, 'test'] }] }, 'Bad numeric range operator: test', 34],
    [
      { key: [{ numeric: ['>', 20, '<', 30, '<', 50] }] },
      'Too many terms in numeric range expression',
      36,
    ],
    [{ key: [{ exists: null }] }, 'exists match pattern must be either true or false.', 23],
  ];
  it.each(recorded)('%j: %s (column %i)', (policy, message, column) => {
    const json = JSON.stringify(policy);
    const result = validateFilterPolicy(policy, 'MessageAttributes');
    expect(fullOf(result)).toBe(
      `${SUB}${message}\n at [Source: (String)"${json}"; line: 1, column: ${column}]`,
    );
    expect(result.ok ? undefined : result.location).toEqual({ line: 1, column });
  });

  it('words SetSubscriptionAttributes errors without "Attributes Reason" (AWS-recorded)', () => {
    const result = validateFilterPolicy({ key_a: 'value_one' }, 'MessageBody', {
      operation: 'SetSubscriptionAttributes',
    });
    expect(fullOf(result)).toBe(
      'Invalid parameter: FilterPolicy: "key_a" must be an object or an array\n' +
        ' at [Source: (String)"{"key_a":"value_one"}"; line: 1, column: 11]',
    );
  });

  it('truncates long sources as Jackson does', () => {
    const policy = { key: ['x'.repeat(600), { nope: 1 }] };
    const full = fullOf(validateFilterPolicy(policy, 'MessageAttributes'));
    const json = JSON.stringify(policy);
    expect(full).toContain(`(String)"${json.slice(0, 500)}"[truncated ${json.length - 500} chars]`);
    expect(full).toMatch(/; line: 1, column: 621\]$/);
  });

  it('reports CIDR problems without a position, as event-ruler raises them bare', () => {
    const result = validateFilterPolicy({ ip: [{ cidr: '10.0.0.0/32' }] }, 'MessageAttributes');
    expect(result).toEqual({
      ok: false,
      code: 'InvalidParameter',
      message: `${SUB}IPv4 mask bits must be < 32`,
      fullMessage: `${SUB}IPv4 mask bits must be < 32`,
    });
    expect(
      messageOf(validateFilterPolicy({ ip: [{ cidr: '10.0.0.256/24' }] }, 'MessageBody')),
    ).toBe(`${SUB}Invalid IP address: 10.0.0.256`);
    expect(messageOf(validateFilterPolicy({ ip: [{ cidr: '10.0.0.0/-1' }] }, 'MessageBody'))).toBe(
      `${SUB}Malformed CIDR, mask bits must not be negative`,
    );
    expect(validateFilterPolicy({ ip: [{ cidr: '2001:db8::/127' }] }, 'MessageBody').ok).toBe(true);
  });
});

describe('validateFilterPolicy: SNS limits', () => {
  const setAttrs = { operation: 'SetSubscriptionAttributes' } as const;

  it('accepts exactly 150 combinations with $or, rejects more (AWS-recorded shapes)', () => {
    const policy = {
      source: ['aws.cloudwatch', 'aws.events', 'aws.test'],
      $or: [
        { metricName: ['a', 'b', 'c', 'd', 'e', 'f'] },
        {
          metricType: ['A', 'B', 'C', 'D'],
          $or: [{ metricId: [1, 2, 3, 4] }, { spaceId: [1, 2, 3, 4, 5, 6, 7] }],
        },
      ],
    };
    expect(validateFilterPolicy(policy, 'MessageAttributes')).toEqual({ ok: true });
    const tooMany = { key: Array.from({ length: 151 }, (_, i) => `value${i}`) };
    expect(messageOf(validateFilterPolicy(tooMany, 'MessageAttributes'))).toBe(
      `${SUB}Filter policy is too complex`,
    );
  });

  it('multiplies body combinations by nesting depth (AWS docs: 3 × 4 × 2 × 3 = 72)', () => {
    const docsExample = {
      key_a: { key_b: { key_c: ['one', 'two', 'three', 'four'] } },
      key_d: { key_e: ['one', 'two', 'three'] },
    };
    expect(validateFilterPolicy(docsExample, 'MessageBody')).toEqual({ ok: true });
    // AWS-recorded: adding a top-level key with three values gives 216 > 150.
    const recorded = { ...docsExample, key_f: ['one', 'two', 'three'] };
    expect(messageOf(validateFilterPolicy(recorded, 'MessageBody', setAttrs))).toBe(
      'Invalid parameter: FilterPolicy: Filter policy is too complex',
    );
  });

  it('refuses nested policies under MessageAttributes only (AWS-recorded wording)', () => {
    const nested = { object: { key: [{ prefix: 'auto-' }] } };
    expect(messageOf(validateFilterPolicy(nested, 'MessageAttributes', setAttrs))).toBe(
      'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
    );
    expect(validateFilterPolicy(nested, 'MessageBody')).toEqual({ ok: true });
  });

  it('counts five keys per $or branch, and only top-level keys for bodies', () => {
    const six = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, ['v']]));
    expect(messageOf(validateFilterPolicy(six, 'MessageBody', setAttrs))).toBe(
      'Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys',
    );
    const deep = { a: ['v'], b: ['v'], c: ['v'], d: ['v'], e: { f: ['v'], g: ['v'] } };
    expect(validateFilterPolicy(deep, 'MessageBody')).toEqual({ ok: true });
    const branches = { a: ['v'], b: ['v'], c: ['v'], d: ['v'], $or: [{ e: ['v'] }, { f: ['v'] }] };
    expect(validateFilterPolicy(branches, 'MessageAttributes')).toEqual({ ok: true });
    const wide = {
      a: ['v'],
      b: ['v'],
      c: ['v'],
      d: ['v'],
      $or: [{ e: ['v'], f: ['v'] }, { g: ['v'] }],
    };
    expect(messageOf(validateFilterPolicy(wide, 'MessageAttributes'))).toBe(
      `${SUB}Filter policy can not have more than 5 keys`,
    );
  });

  it('treats the empty policy as "no filtering" and rejects an unknown scope', () => {
    expect(validateFilterPolicy({}, 'MessageAttributes')).toEqual({ ok: true });
    const bad = validateFilterPolicy({ a: ['b'] }, 'Headers' as 'MessageBody', setAttrs);
    expect(messageOf(bad)).toBe(
      'Invalid parameter: FilterPolicyScope: Invalid value [Headers]. Please use either MessageBody or MessageAttributes',
    );
  });
});

describe('validateFilterPolicy: operators', () => {
  it('reads an unusable $or as an ordinary key, as AWS documents', () => {
    // Operator names inside $or make event-ruler fall back to "$or" as an attribute name.
    expect(
      validateFilterPolicy({ $or: [{ prefix: 'a' }, { suffix: 'b' }] }, 'MessageAttributes'),
    ).toEqual({ ok: true });
    // With one alternative both readings fail; the fallback's error is the one reported.
    expect(fullOf(validateFilterPolicy({ $or: [{ a: ['x'] }] }, 'MessageAttributes'))).toBe(
      `${SUB}Unrecognized match type a\n at [Source: (String)"{"$or":[{"a":["x"]}]}"; line: 1, column: 15]`,
    );
  });

  it('checks numbers against SNS range of ±1e9', () => {
    expect(messageOf(validateFilterPolicy({ n: [{ numeric: ['=', 2e9] }] }, 'MessageBody'))).toBe(
      `${SUB}Value must be between -1.0E9 and 1.0E9, inclusive`,
    );
    expect(
      validateFilterPolicy({ n: [{ numeric: ['>=', -1e9, '<=', 1e9] }] }, 'MessageBody').ok,
    ).toBe(true);
    // Plain numeric values are not range-checked (an account number is a fine exact value).
    expect(validateFilterPolicy({ n: [123456789012] }, 'MessageBody').ok).toBe(true);
  });

  it('validates anything-but forms', () => {
    const check = (spec: unknown) =>
      messageOf(validateFilterPolicy({ k: [{ 'anything-but': spec }] }, 'MessageBody'));
    expect(check(['a', 'b'])).toBe('OK');
    expect(check([1, 2])).toBe('OK');
    expect(check({ prefix: 'a' })).toBe('OK');
    expect(check(['a', 1])).toBe(
      `${SUB}Inside anything but list, either all values are number or string, mixed type is not supported`,
    );
    expect(check(['a', null])).toBe(
      `${SUB}Inside anything but list, start|null|boolean is not supported.`,
    );
    expect(check(true)).toBe(
      `${SUB}Value of anything-but must be an array or single string/number value.`,
    );
    expect(check({ prefix: '' })).toBe(`${SUB}Null prefix not allowed`);
  });

  it('accepts every documented operator', () => {
    const policy = {
      a: ['x', 1, true, null, { prefix: 'p' }, { suffix: 's' }, { 'equals-ignore-case': 'E' }],
      b: [{ numeric: ['>', 0, '<=', 5] }, { exists: false }, { cidr: '10.0.0.0/8' }],
    };
    expect(validateFilterPolicy(policy, 'MessageAttributes')).toEqual({ ok: true });
  });
});

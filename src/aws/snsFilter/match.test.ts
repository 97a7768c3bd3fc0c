import { describe, expect, it } from 'vitest';
import {
  compileFilterPolicy,
  explainFilterPolicyMismatch,
  matchFilterPolicy,
  type MessageAttributes,
} from './index';

const str = (Value: string) => ({ Type: 'String', Value }) as const;
const num = (Value: string) => ({ Type: 'Number', Value }) as const;
const arr = (values: unknown[]) =>
  ({ Type: 'String.Array', Value: JSON.stringify(values) }) as const;

function attrs(policy: unknown, message: MessageAttributes): boolean {
  return matchFilterPolicy(policy, message, 'MessageAttributes');
}

function body(policy: unknown, message: unknown): boolean {
  return matchFilterPolicy(policy, message as string, 'MessageBody');
}

describe('attribute matching', () => {
  it('keeps JSON types apart: strings never equal numbers', () => {
    expect(attrs({ n: [300] }, { n: num('300.0') })).toBe(true);
    expect(attrs({ n: ['300'] }, { n: num('300') })).toBe(false);
    expect(attrs({ n: [300] }, { n: str('300') })).toBe(false);
    expect(attrs({ n: [{ numeric: ['>', 1] }] }, { n: str('300') })).toBe(false);
  });

  it('compares numbers to five decimal places within ±1e9', () => {
    const equalsPoint3 = { n: [{ numeric: ['=', 0.3] }] };
    expect(attrs(equalsPoint3, { n: num('0.300001') })).toBe(true);
    expect(attrs(equalsPoint3, { n: num('0.30001') })).toBe(false);
    expect(attrs({ n: [{ numeric: ['>', 0] }] }, { n: num('5e9') })).toBe(false);
    // Beyond the range only the literal text can match (event-ruler keeps both forms).
    expect(attrs({ n: [123456789012] }, { n: num('123456789012') })).toBe(true);
  });

  it('ignores Binary attributes, as AWS documents', () => {
    const binary = { Type: 'Binary', Value: 'AAE=' } as const;
    expect(attrs({ b: [{ exists: false }] }, { b: binary })).toBe(true);
    expect(attrs({ b: [{ exists: true }] }, { b: binary })).toBe(false);
    const why = explainFilterPolicyMismatch(
      { b: [{ exists: true }] },
      { b: binary },
      'MessageAttributes',
    );
    expect(why.reasons[0]?.message).toContain('Binary attribute, which SNS ignores');
  });

  it('accepts the Publish shape (DataType/StringValue) too', () => {
    const message = { store: { DataType: 'String', StringValue: 'example_corp' } } as const;
    expect(attrs({ store: ['example_corp'] }, message)).toBe(true);
    expect(
      attrs(
        { price: [{ numeric: ['<', 10] }] },
        { price: { DataType: 'Number.float', StringValue: '9.5' } },
      ),
    ).toBe(true);
  });

  it('treats an empty String.Array as absent and a broken one as unmatchable', () => {
    expect(attrs({ a: [{ exists: true }] }, { a: arr([]) })).toBe(false);
    expect(attrs({ a: [{ exists: false }] }, { a: arr([]) })).toBe(true);
    const broken = { a: { Type: 'String.Array', Value: '[oops' } } as const;
    expect(attrs({ a: [{ exists: true }] }, broken)).toBe(false);
    expect(attrs({ a: [{ exists: false }] }, broken)).toBe(false);
  });

  it('matches any String.Array element, of any JSON type', () => {
    expect(attrs({ a: [null] }, { a: arr(['x', null]) })).toBe(true);
    expect(attrs({ a: [{ numeric: ['>=', 10] }] }, { a: arr(['x', 10]) })).toBe(true);
    expect(attrs({ a: [{ 'anything-but': 'x' }] }, { a: arr(['x', 'y']) })).toBe(true);
    expect(attrs({ a: [{ 'anything-but': 'x' }] }, { a: arr(['x']) })).toBe(false);
  });

  it('matches CIDR blocks and IP literals by address, not spelling', () => {
    const v6 = { ip: [{ cidr: '2001:db8::/32' }] };
    expect(attrs(v6, { ip: str('2001:db8:0:0:1::1') })).toBe(true);
    expect(attrs(v6, { ip: str('2001:db9::1') })).toBe(false);
    expect(attrs(v6, { ip: str('10.0.0.1') })).toBe(false);
    expect(attrs({ ip: ['::1'] }, { ip: str('0:0:0:0:0:0:0:1') })).toBe(true);
    // event-ruler's range spans the whole network: host bits written in the block are cleared.
    expect(attrs({ ip: [{ cidr: '10.0.0.5/24' }] }, { ip: str('10.0.0.4') })).toBe(true);
    expect(attrs({ ip: [{ cidr: '0.0.0.5/2' }] }, { ip: str('63.1.2.3') })).toBe(true);
    expect(attrs({ ip: [{ cidr: '0.0.0.5/2' }] }, { ip: str('64.1.2.3') })).toBe(false);
  });

  it('handles string operators', () => {
    expect(attrs({ s: [{ 'equals-ignore-case': 'ÉTÉ' }] }, { s: str('été') })).toBe(true);
    expect(attrs({ s: [{ prefix: '' }] }, { s: str('anything') })).toBe(true);
    expect(attrs({ s: [{ 'anything-but': { prefix: 'int-' } }] }, { s: num('5') })).toBe(true);
  });

  it('reads "$or" as an attribute name where AWS does', () => {
    const policy = { $or: [{ prefix: 'a' }, { suffix: 'z' }] };
    expect(attrs(policy, { $or: str('abc') })).toBe(true);
    expect(attrs(policy, { other: str('abc') })).toBe(false);
  });

  it('ignores inherited property names', () => {
    expect(attrs({ constructor: [{ exists: true }] }, {})).toBe(false);
  });
});

describe('body matching', () => {
  it('matches null values with null and anything-but, but never missing keys', () => {
    expect(body({ a: [null] }, { a: null })).toBe(true);
    expect(body({ a: [null] }, {})).toBe(false);
    expect(body({ a: [{ 'anything-but': 'x' }] }, { a: null })).toBe(true);
    expect(body({ a: [{ 'anything-but': 'x' }] }, {})).toBe(false);
    expect(body({ a: [{ exists: true }] }, { a: null })).toBe(true);
  });

  it('treats dotted keys and nesting alike (AWS-validated)', () => {
    const policy = { 'object.nested': ['string.value'] };
    expect(body(policy, { object: { nested: 'string.value' } })).toBe(true);
    expect(body(policy, { 'object.nested': 'string.value' })).toBe(true);
  });

  it('only counts scalars: an object or empty array does not "exist"', () => {
    expect(body({ a: [{ exists: true }] }, { a: { b: 1 } })).toBe(false);
    expect(body({ a: [{ exists: true }] }, { a: [] })).toBe(false);
    expect(body({ a: [{ exists: false }] }, { a: { b: 1 } })).toBe(true);
  });

  it('judges keys independently across array elements', () => {
    const policy = { a: { b: ['1'], c: ['2'] } };
    expect(body(policy, { a: [{ b: '1' }, { c: '2' }] })).toBe(true);
  });

  it('never matches a body that is not a JSON object, unless there is no policy', () => {
    expect(body({ a: [{ exists: false }] }, 'plain text')).toBe(false);
    expect(body({ a: [{ exists: false }] }, '"quoted"')).toBe(false);
    expect(body({ a: [{ exists: false }] }, '[1]')).toBe(false);
    expect(body({ a: [{ exists: false }] }, '{"b":1}')).toBe(true);
    expect(body({}, 'plain text')).toBe(true);
  });
});

describe('lenient compilation', () => {
  it('treats absent and empty policies as "deliver everything"', () => {
    for (const policy of [undefined, null, {}]) {
      expect(compileFilterPolicy(policy, 'MessageAttributes').matches({})).toBe(true);
    }
    expect(compileFilterPolicy(['not', 'an', 'object'], 'MessageAttributes').matches({})).toBe(
      false,
    );
  });

  it('lets a malformed condition fail alone', () => {
    const policy = { s: [{ 'no-such-op': 1 }, 'ok'] };
    expect(attrs(policy, { s: str('ok') })).toBe(true);
    expect(attrs(policy, { s: str('no') })).toBe(false);
    const why = explainFilterPolicyMismatch(policy, { s: str('no') }, 'MessageAttributes');
    expect(why.reasons[0]?.message).toContain('malformed');
  });

  it('never matches a nested policy under MessageAttributes', () => {
    const policy = { a: { b: ['x'] } };
    expect(attrs(policy, { 'a.b': str('x') })).toBe(false);
    const why = explainFilterPolicyMismatch(policy, {}, 'MessageAttributes');
    expect(why.reasons[0]?.message).toBe(
      '"a" can never match: nested policies do not apply to message attributes.',
    );
  });
});

describe('explainFilterPolicyMismatch', () => {
  it('names the key, the condition and the actual value', () => {
    const policy = { store: ['example_corp'], price: [{ numeric: ['>', 0, '<=', 100] }] };
    const why = explainFilterPolicyMismatch(
      policy,
      { store: str('other'), price: num('250') },
      'MessageAttributes',
    );
    expect(why).toEqual({
      matched: false,
      reasons: [
        {
          key: 'store',
          condition: '"example_corp"',
          actual: 'other',
          message: '"store" is "other", but the policy requires "example_corp".',
        },
        {
          key: 'price',
          condition: 'numeric > 0 and <= 100',
          actual: 250,
          message: '"price" is 250, but the policy requires numeric > 0 and <= 100.',
        },
      ],
    });
  });

  it('explains missing keys, forbidden keys and failed $or alternatives', () => {
    const policy = {
      must: [{ exists: true }],
      never: [{ exists: false }],
      $or: [{ a: ['1'] }, { b: ['2'] }],
    };
    const why = explainFilterPolicyMismatch(
      policy,
      { never: str('here'), a: str('0') },
      'MessageAttributes',
    );
    expect(why.matched).toBe(false);
    expect(why.reasons.map((r) => r.message)).toEqual([
      'The message has no "must" attribute, but the policy requires it to exist.',
      '"never" must not exist, but the message has it ("here").',
      '$or alternative 1 of 2 fails: "a" is "0", but the policy requires "1".',
      '$or alternative 2 of 2 fails: The message has no "b" attribute; the policy requires "2".',
    ]);
  });

  it('explains bodies that cannot be filtered, and agrees with matches', () => {
    const compiled = compileFilterPolicy({ a: ['x'] }, 'MessageBody');
    expect(compiled.explain('not json').reasons[0]?.message).toContain('not a JSON object');
    expect(compiled.explain({ a: ['y', 'x'] })).toEqual({ matched: true, reasons: [] });
    expect(compiled.explain({ a: ['y', 'z'] }).reasons[0]?.actual).toEqual(['y', 'z']);
  });
});

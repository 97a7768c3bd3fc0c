// The fidelity gaps of issue #10 as they apply to SNS filter policies (the SNS engine reads the
// shared IP and JSON-number code in ../ruler, so several fixes land here too).
import { describe, expect, it } from 'vitest';
import {
  explainFilterPolicyMismatch,
  matchFilterPolicy,
  validateFilterPolicy,
  type MessageAttributes,
} from './index';

const str = (Value: string) => ({ Type: 'String', Value }) as const;
const num = (Value: string) => ({ Type: 'Number', Value }) as const;
const attrs = (policy: unknown, message: MessageAttributes): boolean =>
  matchFilterPolicy(policy, message, 'MessageAttributes');
const body = (policy: unknown, message: unknown): boolean =>
  matchFilterPolicy(policy, message as string, 'MessageBody');

describe('2. exists: false needs at least one attribute', () => {
  const policy = { store: [{ exists: false }] };

  it('does not deliver a message without attributes', () => {
    // SNS developer guide, Key matching: '"exists": false only matches if at least one attribute
    // is present. An empty set of attributes results in the filter not matching.'
    expect(attrs(policy, {})).toBe(false);
    expect(attrs(policy, { other: str('x') })).toBe(true);
    expect(attrs(policy, { store: str('x') })).toBe(false);
    expect(attrs({ store: [{ exists: false }, 'x'] }, {})).toBe(false);
    expect(attrs({ $or: [{ store: [{ exists: false }] }, { a: ['1'] }] }, {})).toBe(false);
  });

  it('applies the same rule to a body with no properties', () => {
    expect(body(policy, {})).toBe(false);
    expect(body(policy, '{}')).toBe(false);
    expect(body(policy, { other: 1 })).toBe(true);
  });

  it('explains why', () => {
    const why = explainFilterPolicyMismatch(policy, {}, 'MessageAttributes');
    expect(why.matched).toBe(false);
    expect(why.reasons[0]?.message).toBe(
      '"store" is absent, but the message has no attributes at all, and SNS only matches "exists": false when at least one attribute is present.',
    );
  });
});

describe('4. cidr host bits and leading-zero octets', () => {
  it('spans the network and reads leading zeros as decimal', () => {
    expect(validateFilterPolicy({ ip: [{ cidr: '010.0.0.0/8' }] }, 'MessageAttributes')).toEqual({
      ok: true,
    });
    expect(attrs({ ip: [{ cidr: '010.0.0.0/8' }] }, { ip: str('10.9.9.9') })).toBe(true);
    expect(attrs({ ip: [{ cidr: '10.0.0.5/30' }] }, { ip: str('10.0.0.4') })).toBe(true);
    expect(attrs({ ip: ['10.0.0.1'] }, { ip: str('010.000.000.001') })).toBe(true);
  });
});

describe('5. numbers beyond the numeric range compare as written', () => {
  it('does not equate numbers that only a double rounding makes equal', () => {
    expect(attrs({ n: [9007199254740992] }, { n: num('9007199254740993') })).toBe(false);
    expect(attrs({ n: [9007199254740992] }, { n: num('9007199254740992') })).toBe(true);
    expect(body({ n: [9007199254740992] }, '{"n":9007199254740993}')).toBe(false);
    expect(body({ n: [9007199254740992] }, '{"n":[1,9007199254740992]}')).toBe(true);
    const arr = { Type: 'String.Array', Value: '[9007199254740993]' } as const;
    expect(attrs({ n: [9007199254740992] }, { n: arr })).toBe(false);
    expect(
      attrs({ n: [{ 'anything-but': 9007199254740992 }] }, { n: num('9007199254740993') }),
    ).toBe(true);
  });

  it('keeps SNS’s documented five-decimal accuracy inside ±1e9', () => {
    expect(attrs({ n: [0.1] }, { n: num('0.10000000000000001') })).toBe(true);
    expect(attrs({ n: [0.1] }, { n: num('0.10001') })).toBe(false);
    expect(body({ n: [{ numeric: ['>=', 0.1] }] }, '{"n":0.10000000000000001}')).toBe(true);
  });
});

describe('7. an empty anything-but list', () => {
  it('is refused, and never read as "anything" by the lenient matcher', () => {
    const policy = { a: [{ 'anything-but': [] }] };
    const result = validateFilterPolicy(policy, 'MessageAttributes');
    expect(result.ok).toBe(false);
    expect(attrs(policy, { a: str('x') })).toBe(false);
    expect(attrs({ a: [{ 'anything-but': { prefix: [] } }] }, { a: str('x') })).toBe(false);
  });
});

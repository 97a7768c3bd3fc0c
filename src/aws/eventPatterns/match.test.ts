import { describe, expect, it } from 'vitest';
import { compileEventPattern, InvalidEventPatternError, matchEventPattern } from './index';

const m = (pattern: unknown, event: unknown): boolean => matchEventPattern(pattern, event);

describe('exact values, arrays and nesting', () => {
  it('matches exact strings, with the pattern array as OR', () => {
    expect(m({ source: ['a', 'b'] }, { source: 'b' })).toBe(true);
    expect(m({ source: ['a', 'b'] }, { source: 'c' })).toBe(false);
  });

  it('ANDs fields and requires nested structure', () => {
    const p = { source: ['s'], detail: { state: ['on'] } };
    expect(m(p, { source: 's', detail: { state: 'on' } })).toBe(true);
    expect(m(p, { source: 's', detail: { state: 'off' } })).toBe(false);
    expect(m(p, { source: 's' })).toBe(false);
  });

  it('matches when any element of an event array matches', () => {
    expect(m({ resources: ['r2'] }, { resources: ['r1', 'r2'] })).toBe(true);
    expect(m({ resources: ['r3'] }, { resources: ['r1', 'r2'] })).toBe(false);
    expect(m({ a: [1] }, { a: [[0, [1]]] })).toBe(true);
  });

  it('joins keys with dots on both sides, as event-ruler flattens them', () => {
    expect(m({ 'a.b': ['x'] }, { a: { b: 'x' } })).toBe(true);
    expect(m({ a: { b: ['x'] } }, { 'a.b': 'x' })).toBe(true);
    expect(m({ a: { 'b.c': ['x'] } }, { 'a.b': { c: 'x' } })).toBe(true);
  });

  it('keeps the last of two fields that flatten to the same path', () => {
    expect(m({ 'a.b': ['x'], a: { b: ['y'] } }, { a: { b: 'y' } })).toBe(true);
    expect(m({ 'a.b': ['x'], a: { b: ['y'] } }, { a: { b: 'x' } })).toBe(false);
  });

  it('merges duplicate keys in pattern text, like the streaming parser AWS uses', () => {
    const text = '{"detail": {"a": ["1"]}, "detail": {"b": ["2"]}}';
    expect(m(text, { detail: { a: '1', b: '2' } })).toBe(true);
    expect(m(text, { detail: { b: '2' } })).toBe(false);
  });

  it('is case-sensitive for keys and values', () => {
    expect(m({ Source: ['a'] }, { source: 'a' })).toBe(false);
    expect(m({ source: ['A'] }, { source: 'a' })).toBe(false);
  });

  it('distinguishes strings, numbers, booleans and null', () => {
    expect(m({ a: [true] }, { a: true })).toBe(true);
    expect(m({ a: ['true'] }, { a: true })).toBe(false);
    expect(m({ a: [null] }, { a: null })).toBe(true);
    expect(m({ a: [null] }, { a: 'null' })).toBe(false);
    expect(m({ a: [null] }, {})).toBe(false);
    expect(m({ a: [''] }, { a: '' })).toBe(true);
    expect(m({ a: [5] }, { a: '5' })).toBe(false);
  });

  it('compares numbers by value', () => {
    expect(m('{"a": [5.0]}', '{"a": 5}')).toBe(true);
    expect(m('{"a": [300]}', '{"a": 3.0e2}')).toBe(true);
    expect(m({ a: [123456789012] }, { a: 123456789012 })).toBe(true);
  });

  it('does not match a leaf pattern against an object', () => {
    expect(m({ a: ['x'] }, { a: { b: 'x' } })).toBe(false);
  });

  it('accepts events as JSON text', () => {
    expect(m({ a: ['x'] }, '{"a":"x"}')).toBe(true);
  });
});

describe('prefix, suffix and equals-ignore-case', () => {
  it('matches prefixes and suffixes of strings only', () => {
    expect(m({ a: [{ prefix: 'ab' }] }, { a: 'abc' })).toBe(true);
    expect(m({ a: [{ suffix: 'bc' }] }, { a: 'abc' })).toBe(true);
    expect(m({ a: [{ prefix: '1' }] }, { a: 12 })).toBe(false);
    expect(m({ a: [{ prefix: '' }] }, { a: 'anything' })).toBe(true);
    expect(m({ a: [{ prefix: '' }] }, { a: null })).toBe(false);
  });

  it('supports equals-ignore-case inside prefix and suffix', () => {
    expect(m({ a: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }, { a: 'eventbridge' })).toBe(
      true,
    );
    expect(m({ a: [{ suffix: { 'equals-ignore-case': '.PNG' } }] }, { a: 'x.png' })).toBe(true);
    expect(m({ a: [{ suffix: { 'equals-ignore-case': '.PNG' } }] }, { a: 'x.jpg' })).toBe(false);
  });

  it('compares ignoring case with Java case mappings, including length-changing ones', () => {
    expect(m({ a: [{ 'equals-ignore-case': 'Alice' }] }, { a: 'aLICE' })).toBe(true);
    expect(m({ a: [{ 'equals-ignore-case': 'straße' }] }, { a: 'STRASSE' })).toBe(true);
    expect(m({ a: [{ 'equals-ignore-case': 'straße' }] }, { a: 'STRASS' })).toBe(false);
    expect(m({ a: [{ 'equals-ignore-case': '' }] }, { a: '' })).toBe(true);
  });

  it('keeps event-ruler quirk: a prefix ending in a quote matches the whole string', () => {
    // Values are compared as quoted JSON text, so prefix `a"` is a prefix of `"a"`.
    expect(m({ a: [{ prefix: 'a"' }] }, { a: 'a' })).toBe(true);
    expect(m({ a: [{ suffix: '"a' }] }, { a: 'a' })).toBe(true);
  });
});

describe('anything-but', () => {
  it('matches present values other than the listed ones, including null and other types', () => {
    const p = { a: [{ 'anything-but': ['x', 'y'] }] };
    expect(m(p, { a: 'z' })).toBe(true);
    expect(m(p, { a: 'x' })).toBe(false);
    expect(m(p, { a: null })).toBe(true);
    expect(m(p, { a: 1 })).toBe(true);
    expect(m(p, {})).toBe(false);
  });

  it('compares numeric anything-but by value', () => {
    expect(m('{"a": [{"anything-but": [100, 200]}]}', '{"a": 100.0}')).toBe(false);
    expect(m({ a: [{ 'anything-but': 100 }] }, { a: '100' })).toBe(true);
  });

  it('supports prefix, suffix, equals-ignore-case and wildcard forms', () => {
    expect(m({ a: [{ 'anything-but': { prefix: 'us-' } }] }, { a: 'eu-west-1' })).toBe(true);
    expect(m({ a: [{ 'anything-but': { prefix: 'us-' } }] }, { a: 'us-east-1' })).toBe(false);
    expect(m({ a: [{ 'anything-but': { suffix: ['.png', '.jpg'] } }] }, { a: 'x.jpg' })).toBe(
      false,
    );
    expect(m({ a: [{ 'anything-but': { 'equals-ignore-case': 'x' } }] }, { a: 'X' })).toBe(false);
    expect(m({ a: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { a: 'a/lib/b' })).toBe(false);
    expect(m({ a: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { a: 'a/bin/b' })).toBe(true);
    expect(m({ a: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { a: 7 })).toBe(true);
  });

  it('matches an event array when any element is not excluded', () => {
    expect(m({ a: [{ 'anything-but': 'x' }] }, { a: ['x', 'y'] })).toBe(true);
    expect(m({ a: [{ 'anything-but': 'x' }] }, { a: ['x'] })).toBe(false);
  });
});

describe('numeric', () => {
  it('matches ranges and equality on JSON numbers only', () => {
    const p = { n: [{ numeric: ['>', 0, '<=', 5] }] };
    expect(m(p, { n: 5 })).toBe(true);
    expect(m(p, { n: 0 })).toBe(false);
    expect(m(p, { n: '3' })).toBe(false);
    expect(m({ n: [{ numeric: ['=', 301.8] }] }, { n: 301.8 })).toBe(true);
    expect(m({ n: [{ numeric: ['>=', -1, '<', 1] }] }, { n: -1 })).toBe(true);
  });

  it('only compares numbers within ±5e9 with up to six decimals', () => {
    expect(m({ n: [{ numeric: ['>', 0] }] }, { n: 6e9 })).toBe(false);
    expect(m({ n: [{ numeric: ['>', 0] }] }, { n: 0.1234567 })).toBe(false);
    expect(m({ n: [{ numeric: ['>', 0] }] }, { n: 0.123456 })).toBe(true);
  });
});

describe('exists', () => {
  it('tests for leaf values only', () => {
    expect(m({ a: [{ exists: true }] }, { a: null })).toBe(true);
    expect(m({ a: [{ exists: true }] }, { a: { b: 1 } })).toBe(false);
    expect(m({ a: [{ exists: true }] }, { a: [] })).toBe(false);
    expect(m({ a: [{ exists: false }] }, { a: { b: 1 } })).toBe(true);
    expect(m({ a: [{ exists: false }] }, { b: 1 })).toBe(true);
    expect(m({ a: [{ exists: false }] }, { a: 0 })).toBe(false);
  });

  it('combines with other conditions as OR', () => {
    const p = { a: [{ exists: false }, 'x'] };
    expect(m(p, {})).toBe(true);
    expect(m(p, { a: 'x' })).toBe(true);
    expect(m(p, { a: 'y' })).toBe(false);
  });
});

describe('cidr and IP addresses', () => {
  it('matches IPv4 and IPv6 ranges', () => {
    expect(m({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.0.255' })).toBe(true);
    expect(m({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.1.0' })).toBe(false);
    expect(m({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:0db8:ffff::1' })).toBe(true);
    expect(m({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: 10 })).toBe(false);
  });

  it('covers the whole network whatever host bits the block is written with', () => {
    // event-ruler's CIDR.cidr clears the host bits (computeBottomBytes) for the low end.
    expect(m({ ip: [{ cidr: '10.0.0.5/24' }] }, { ip: '10.0.0.4' })).toBe(true);
    expect(m({ ip: [{ cidr: '10.0.0.5/24' }] }, { ip: '10.0.0.0' })).toBe(true);
    expect(m({ ip: [{ cidr: '0.0.0.5/2' }] }, { ip: '63.255.255.255' })).toBe(true);
    expect(m({ ip: [{ cidr: '0.0.0.5/2' }] }, { ip: '64.0.0.0' })).toBe(false);
  });

  it('treats IP-looking pattern strings as addresses', () => {
    expect(m({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0:0:0:0:0:1' })).toBe(true);
  });

  it('reads an IP value both as an address and as a string when the field has an IP condition', () => {
    // ByteMachine.transitionOn tries the address reading, then the plain one.
    expect(m({ ip: [{ prefix: '10.' }] }, { ip: '10.1.1.1' })).toBe(true);
    expect(m({ ip: [{ prefix: '10.' }, { cidr: '192.168.0.0/16' }] }, { ip: '10.1.1.1' })).toBe(
      true,
    );
    expect(m({ ip: [{ suffix: '.1' }, '192.168.0.1'] }, { ip: '10.0.0.1' })).toBe(true);
    expect(m({ ip: [{ wildcard: '10.*' }, '192.168.0.1'] }, { ip: '10.0.0.1' })).toBe(true);
  });

  it('keeps the address reading when the field also has a numeric condition', () => {
    expect(m({ ip: [{ cidr: '10.0.0.0/8' }, { numeric: ['>', 0] }] }, { ip: '10.1.1.1' })).toBe(
      true,
    );
    expect(m({ ip: [{ cidr: '10.0.0.0/8' }, { numeric: ['>', 0] }] }, { ip: 5 })).toBe(true);
    expect(m({ ip: [{ cidr: '10.0.0.0/8' }, 7] }, { ip: '11.0.0.1' })).toBe(false);
  });
});

describe('wildcard', () => {
  it('matches * as any run of characters', () => {
    expect(m({ f: [{ wildcard: '*.png' }] }, { f: 'a.png' })).toBe(true);
    expect(m({ f: [{ wildcard: '*.png' }] }, { f: '.png' })).toBe(true);
    expect(m({ f: [{ wildcard: 'a*b*c' }] }, { f: 'abbc' })).toBe(true);
    expect(m({ f: [{ wildcard: 'a*b*c' }] }, { f: 'acb' })).toBe(false);
    expect(m({ f: [{ wildcard: '' }] }, { f: '' })).toBe(true);
    expect(m({ f: [{ wildcard: '*' }] }, { f: 1 })).toBe(false);
  });

  it('honours escapes for literal star and backslash', () => {
    expect(m({ f: [{ wildcard: 'a\\*' }] }, { f: 'a*' })).toBe(true);
    expect(m({ f: [{ wildcard: 'a\\*' }] }, { f: 'ab' })).toBe(false);
    expect(m({ f: [{ wildcard: 'a\\\\*' }] }, { f: 'a\\xyz' })).toBe(true);
  });
});

describe('$or', () => {
  it('matches when any branch does, at any level', () => {
    const p = { source: ['s'], detail: { $or: [{ a: ['1'] }, { b: [{ numeric: ['>', 5] }] }] } };
    expect(m(p, { source: 's', detail: { b: 6 } })).toBe(true);
    expect(m(p, { source: 's', detail: { a: '1' } })).toBe(true);
    expect(m(p, { source: 's', detail: { a: '2', b: 1 } })).toBe(false);
    expect(m(p, { source: 't', detail: { a: '1' } })).toBe(false);
  });
});

describe('arrays of objects', () => {
  const event = {
    items: [
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 2 },
    ],
  };

  it('requires fields under one array to match in the same element', () => {
    expect(m({ items: { sku: ['a'], qty: [1] } }, event)).toBe(true);
    expect(m({ items: { sku: ['a'], qty: [2] } }, event)).toBe(false);
  });

  it('does not constrain separate arrays', () => {
    const e = { xs: [{ v: 1 }, { v: 2 }], ys: [{ v: 3 }, { v: 4 }] };
    expect(m({ xs: { v: [2] }, ys: { v: [3] } }, e)).toBe(true);
  });
});

describe('compileEventPattern', () => {
  it('returns a reusable matcher', () => {
    const match = compileEventPattern({ a: [{ prefix: 'x' }] });
    expect(match({ a: 'xy' })).toBe(true);
    expect(match({ a: 'yx' })).toBe(false);
  });

  it('throws AWS’s exception for invalid patterns', () => {
    expect(() => compileEventPattern({ a: 'x' })).toThrow(InvalidEventPatternError);
    expect(() => matchEventPattern('{', {})).toThrow(/Event pattern is not valid/);
  });
});

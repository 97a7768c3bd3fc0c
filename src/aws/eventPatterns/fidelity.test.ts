// The fidelity gaps of issue #10 (matchers tried against AWS's documentation and against
// event-ruler on random patterns and events), one block per item, plus the neighbours found in
// the documentation while fixing them.
import { describe, expect, it } from 'vitest';
import { MAX_OR_COMBINATIONS, TOO_MANY_COMBINATIONS } from './compile';
import {
  explainEventPatternMismatch,
  INVALID_PATTERN_PREFIX,
  matchEventPattern,
  validateEventPattern,
} from './index';
import { isComparable, scaledOfDouble } from './numbers';

const m = (pattern: unknown, event: unknown): boolean => matchEventPattern(pattern, event);
const invalid = (reason: string) => ({ ok: false, message: INVALID_PATTERN_PREFIX + reason });

/** A pattern with `n` sibling `$or`s of two alternatives each: 2^n combinations. */
function orChain(n: number): Record<string, unknown> {
  const pattern: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) pattern[`f${i}`] = { $or: [{ x: ['1'] }, { y: ['2'] }] };
  return pattern;
}

describe('1. $or expanding past the combinations AWS allows', () => {
  it('accepts up to the limit and refuses past it', () => {
    expect(MAX_OR_COMBINATIONS).toBe(1000);
    expect(validateEventPattern(orChain(9))).toEqual({ ok: true }); // 512
    expect(validateEventPattern(orChain(10))).toEqual(invalid(TOO_MANY_COMBINATIONS)); // 1024
    const alternatives = (n: number) => Array.from({ length: n }, (_, i) => ({ [`k${i}`]: ['v'] }));
    expect(validateEventPattern({ $or: alternatives(1000) })).toEqual({ ok: true });
    expect(validateEventPattern({ $or: alternatives(1001) })).toEqual(
      invalid(TOO_MANY_COMBINATIONS),
    );
  });

  it('counts nested $or inside nested objects as multiplying', () => {
    const nested = { a: { $or: [{ b: ['1'] }, orChain(9)] } };
    expect(validateEventPattern(nested).ok).toBe(true); // 1 + 512 alternatives
    expect(validateEventPattern({ ...orChain(5), g: { $or: [orChain(5), { z: ['1'] }] } })).toEqual(
      invalid(TOO_MANY_COMBINATIONS), // 32 × (32 + 1)
    );
  });

  it('still reports a syntax error further on, and refuses huge expansions quickly', () => {
    const text = `${JSON.stringify(orChain(12)).slice(0, -1)},"late":"not an array"}`;
    expect(validateEventPattern(text)).toEqual(invalid('"late" must be an object or an array'));
    // 2^40 combinations: refused without building them (the timeout is the check).
    expect(validateEventPattern(orChain(40))).toEqual(invalid(TOO_MANY_COMBINATIONS));
  }, 5_000);
});

describe('3. IP-shaped strings and cidr mixed with other values', () => {
  it('tries the address match and the plain string or number match', () => {
    const p = { ip: [{ cidr: '192.168.0.0/16' }, { prefix: '10.' }, 42] };
    expect(m(p, { ip: '10.9.9.9' })).toBe(true); // the string reading
    expect(m(p, { ip: '192.168.1.1' })).toBe(true); // the address reading
    expect(m(p, { ip: 42 })).toBe(true); // the number reading
    expect(m(p, { ip: '11.0.0.1' })).toBe(false);
    const withNumeric = { ip: [{ cidr: '10.0.0.0/8' }, { numeric: ['<', 0] }, 'x'] };
    expect(m(withNumeric, { ip: '10.0.0.1' })).toBe(true);
    expect(m(withNumeric, { ip: 'x' })).toBe(true);
    expect(m(withNumeric, { ip: -1 })).toBe(true);
  });
});

describe('4. cidr host bits and leading-zero octets', () => {
  it('covers the whole network from its network address', () => {
    expect(m({ ip: [{ cidr: '0.0.0.5/2' }] }, { ip: '0.0.0.0' })).toBe(true);
    expect(m({ ip: [{ cidr: '0.0.0.5/2' }] }, { ip: '63.255.255.255' })).toBe(true);
    expect(m({ ip: [{ cidr: '2001:db8::5/64' }] }, { ip: '2001:db8::1' })).toBe(true);
  });

  it('reads octets with leading zeros as decimal, in patterns and in events', () => {
    expect(validateEventPattern({ ip: [{ cidr: '010.0.0.0/8' }] })).toEqual({ ok: true });
    expect(m({ ip: [{ cidr: '010.0.0.0/8' }] }, { ip: '10.200.0.1' })).toBe(true);
    expect(m({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: '010.001.002.003' })).toBe(true);
    expect(m({ ip: ['10.0.0.1'] }, { ip: '010.0.0.01' })).toBe(true);
    // Octal would make 010 eight: it is not.
    expect(m({ ip: [{ cidr: '8.0.0.0/8' }] }, { ip: '010.0.0.1' })).toBe(false);
  });

  it('reads IPv6 groups as Java does, by value (a neighbour of the octet fix)', () => {
    expect(m({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:00db8::1' })).toBe(true);
    expect(validateEventPattern({ ip: [{ cidr: '2001:00db8::/32' }] })).toEqual({ ok: true });
  });
});

describe('5. numbers are compared as event-ruler compares them, never as doubles', () => {
  it('does not equate numbers that only a double rounding makes equal', () => {
    expect(m('{"a":[9007199254740993]}', '{"a":9007199254740992}')).toBe(false);
    expect(m('{"a":[9007199254740993]}', '{"a":9007199254740993}')).toBe(true);
    expect(m({ a: [9007199254740992] }, '{"a":9007199254740993}')).toBe(false);
    expect(m('{"a":[0.1]}', '{"a":0.10000000000000001}')).toBe(false);
    expect(m('{"a":[0.10000000000000001]}', '{"a":0.10000000000000001}')).toBe(true);
    expect(m('{"a":[0.10000000000000001]}', { a: 0.1 })).toBe(false);
    expect(m('{"a":[{"anything-but":[0.1]}]}', '{"a":0.10000000000000001}')).toBe(true);
  });

  it('still equates spellings of one ComparableNumber', () => {
    expect(m('{"a":[300]}', '{"a":3.0e2}')).toBe(true);
    expect(m('{"a":[1.50]}', '{"a":1.5000}')).toBe(true);
    expect(m('{"a":[0]}', '{"a":-0.0}')).toBe(true);
    expect(m('{"a":[{"numeric":["=",0.1]}]}', '{"a":0.100000}')).toBe(true);
  });

  it('keeps large decimals with six places inside the range in numeric matching', () => {
    // 4300018816.262943 × 1e6 is not an integer in floating point; the fixed-point value is.
    expect(scaledOfDouble(4300018816.262943)).toBe(4300018816262943);
    expect(m({ a: [{ numeric: ['=', 4300018816.262943] }] }, { a: 4300018816.262943 })).toBe(true);
    expect(m({ a: [{ numeric: ['>', 4300018816.262942] }] }, { a: 4300018816.262943 })).toBe(true);
    expect(m({ a: [{ numeric: ['<', 4300018816.262943] }] }, { a: 4300018816.262943 })).toBe(false);
    expect(m({ a: [{ 'anything-but': [4300018816.262943] }] }, { a: 4300018816.262943 })).toBe(
      false,
    );
    // Every value with at most six decimals in range takes part (a deterministic sweep).
    let seed = 12345;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      const text = `${next(2) ? '-' : ''}${next(5_000_000_000)}.${String(next(1_000_000)).padStart(6, '0')}`;
      expect(isComparable(Number(text)), text).toBe(true);
    }
    expect(isComparable(5_000_000_000.000001)).toBe(false);
    expect(isComparable(1e-7)).toBe(false);
  }, 10_000);
});

describe('6. exists: false inside an array of objects', () => {
  const p = { a: { b: ['x'], c: [{ exists: false }] } };

  it('judges absence within the element the earlier fields matched', () => {
    expect(m(p, { a: [{ b: 'x' }, { c: 1 }] })).toBe(true);
    expect(m(p, { a: [{ b: 'x', c: 1 }] })).toBe(false);
    expect(m(p, { a: [{ b: 'x', c: 1 }, { b: 'x' }] })).toBe(true);
    expect(m(p, { a: [{ b: 'y' }, { c: 1 }] })).toBe(false);
    expect(m(p, { a: [{ b: 'x' }], c: 1 })).toBe(true);
    expect(explainEventPatternMismatch(p, { a: [{ b: 'x' }, { c: 1 }] }).matched).toBe(true);
  });

  it('follows event-ruler in judging fields in sorted path order', () => {
    // a.b sorts first: its absence is judged before any element is chosen, so any a.b counts.
    const q = { a: { b: [{ exists: false }], c: ['x'] } };
    expect(m(q, { a: [{ c: 'x' }, { b: 1 }] })).toBe(false);
    expect(m(q, { a: [{ c: 'x' }] })).toBe(true);
    const why = explainEventPatternMismatch(q, { a: [{ c: 'x' }, { b: 1 }] });
    expect(why.matched).toBe(false);
    expect(why.reasons.length).toBeGreaterThan(0);
  });

  it('lets a value condition beside exists: false pick either way', () => {
    const r = { a: { b: ['x'], c: [{ exists: false }, 'y'] } };
    expect(m(r, { a: [{ b: 'x', c: 'y' }] })).toBe(true);
    expect(m(r, { a: [{ b: 'x' }, { c: 'z' }] })).toBe(true);
    expect(m(r, { a: [{ b: 'x', c: 'z' }] })).toBe(false);
  });
});

describe('7. an empty operator list is refused', () => {
  it('refuses the empty value sets of anything-but with event-ruler’s empty-list wording', () => {
    for (const op of ['prefix', 'suffix', 'equals-ignore-case', 'wildcard']) {
      expect(validateEventPattern({ a: [{ 'anything-but': { [op]: [] } }] })).toEqual(
        invalid('Empty arrays are not allowed'),
      );
    }
    expect(validateEventPattern({ a: [{ 'anything-but': [] }] })).toEqual(
      invalid(
        'Inside anything but list, either all values are number or string, mixed type is not supported',
      ),
    );
    expect(validateEventPattern({ a: [{ 'anything-but': { prefix: ['x'] } }] })).toEqual({
      ok: true,
    });
  });
});

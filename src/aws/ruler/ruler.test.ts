import { describe, expect, it } from 'vitest';
import { PatternError } from './errors';
import { formatIp, inIpRange, parseCidr, parseIp, sameIp } from './ip';
import { JsonNumber, numberText, parseJsonKeepingNumbers } from './jsonText';
import { numericRange, readNumericExpression, type NumericTerms } from './numericExpression';
import type { JsonToken, TokenStream } from './tokens';

/** A token stream over a fixed list of [token, text] pairs. */
function tokens(list: Array<[JsonToken, string]>): TokenStream {
  let i = -1;
  return {
    nextToken: () => list[++i]?.[0],
    getText: () => list[i]?.[1] ?? '',
  };
}

const fail = (message: string): never => {
  throw new PatternError(message);
};

describe('ruler/ip', () => {
  it('reads leading-zero octets as decimal, as the JDK does, up to 15 characters', () => {
    // IPAddressUtil.textToNumericFormatV4 accumulates each part in base 10 and gives up on
    // literals longer than 15 characters.
    expect(Array.from(parseIp('010.0.0.1') ?? [])).toEqual([10, 0, 0, 1]);
    expect(Array.from(parseIp('0000010.0.0.001') ?? [])).toEqual([10, 0, 0, 1]);
    expect(parseIp('00000010.0.0.001')).toBeNull(); // 16 characters
    expect(parseIp('256.0.0.1')).toBeNull();
    expect(parseCidr('010.0.0.0/8').ok).toBe(true);
  });

  it('reads IPv6 groups by value, not by digit count', () => {
    expect(formatIp(parseIp('2001:00db8::1') ?? new Uint8Array())).toBe('2001:db8:0:0:0:0:0:1');
    expect(parseIp('2001:10000::1')).toBeNull();
  });

  it("checks CIDR blocks in event-ruler's order", () => {
    const message = (text: string) => {
      const r = parseCidr(text);
      return r.ok ? 'ok' : r.message;
    };
    expect(message('/')).toBe("Malformed CIDR, one '/' required");
    expect(message('10.0.0.0/x')).toBe('Malformed CIDR, mask bits must be an integer');
    expect(message('10.0.0.0/-1')).toBe('Malformed CIDR, mask bits must not be negative');
    expect(message('host/8')).toBe('Nonstandard IP address: host');
    expect(message('10.0.0.0/32')).toBe('IPv4 mask bits must be < 32');
    expect(message('::1/128')).toBe('IPv6 mask bits must be < 128');
  });

  it('spans the whole network whatever host bits are written, and collapses IPv4-mapped IPv6', () => {
    // event-ruler's CIDR.cidr: computeBottomBytes clears the host bits, computeTopBytes sets them.
    const r = parseCidr('10.1.2.3/8');
    if (!r.ok) throw new Error(r.message);
    expect(formatIp(r.range.low)).toBe('10.0.0.0');
    expect(formatIp(r.range.high)).toBe('10.255.255.255');
    const odd = parseCidr('0.0.0.5/2');
    if (!odd.ok) throw new Error(odd.message);
    expect(formatIp(odd.range.low)).toBe('0.0.0.0');
    expect(formatIp(odd.range.high)).toBe('63.255.255.255');
    const v6 = parseCidr('2001:db8::ffff/120');
    if (!v6.ok) throw new Error(v6.message);
    expect(formatIp(v6.range.low)).toBe('2001:db8:0:0:0:0:0:ff00');
    const mapped = parseIp('::ffff:a00:1');
    expect(mapped && formatIp(mapped)).toBe('10.0.0.1');
    expect(inIpRange(r.range, parseIp('10.0.0.0') ?? new Uint8Array())).toBe(true);
    expect(sameIp(parseIp('::1') ?? new Uint8Array(), new Uint8Array(4))).toBe(false);
  });
});

describe('ruler/jsonText', () => {
  it('keeps the text of numbers JavaScript would print differently', () => {
    const v = parseJsonKeepingNumbers(
      '{"a": 9007199254740993, "b": [0.10000000000000001, 5, "9.0"], "c": 1.50, "__proto__": 2}',
    ) as Record<string, unknown>;
    expect(v.a).toEqual(new JsonNumber('9007199254740993', 9007199254740992));
    expect(v.b).toEqual([new JsonNumber('0.10000000000000001', 0.1), 5, '9.0']);
    expect(numberText(v.c as JsonNumber)).toBe('1.50');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(v, '__proto__')).toBe(true);
    expect(JSON.stringify(v.b)).toBe('[0.1,5,"9.0"]');
  });

  it('returns what JSON.parse returns when every number prints as written', () => {
    expect(parseJsonKeepingNumbers('{"a":[1,-2.5,"1.50"],"b":{"c":null}}')).toEqual({
      a: [1, -2.5, '1.50'],
      b: { c: null },
    });
    expect(numberText(1e21)).toBe('1e+21');
    expect(() => parseJsonKeepingNumbers('{"a":01}')).toThrow(SyntaxError);
  });
});

describe('ruler/numericExpression', () => {
  it('reads one or two terms', () => {
    const terms = readNumericExpression(
      tokens([
        ['START_ARRAY', '['],
        ['VALUE_STRING', '>'],
        ['VALUE_NUMBER_INT', '0'],
        ['VALUE_STRING', '<='],
        ['VALUE_NUMBER_FLOAT', '1.5'],
        ['END_ARRAY', ']'],
      ]),
      fail,
    );
    expect(terms).toEqual([
      { operator: '>', text: '0' },
      { operator: '<=', text: '1.5' },
    ]);
  });

  it("fails with event-ruler's messages", () => {
    const read = (list: Array<[JsonToken, string]>) => () =>
      readNumericExpression(tokens([['START_ARRAY', '['], ...list]), fail);
    expect(read([['VALUE_STRING', '!=']])).toThrow('Unrecognized numeric range operator: !=');
    expect(read([['VALUE_NUMBER_INT', '1']])).toThrow('Invalid member in numeric match: 1');
    expect(
      read([
        ['VALUE_STRING', '='],
        ['VALUE_STRING', '1'],
      ]),
    ).toThrow('Value of equals must be numeric');
    expect(
      read([
        ['VALUE_STRING', '>'],
        ['VALUE_NUMBER_INT', '1'],
        ['VALUE_STRING', '>'],
      ]),
    ).toThrow('Bad numeric range operator: >');
  });

  it('builds the range against the limit it is given', () => {
    const check = (text: string) => Number(text);
    const gt: NumericTerms = [{ operator: '>', text: '2e9' }];
    expect(numericRange(gt, 5e9, check, fail)).toEqual({
      low: 2e9,
      lowOpen: true,
      high: 5e9,
      highOpen: false,
    });
    expect(() => numericRange(gt, 1e9, check, fail)).toThrow('Bottom must be less than top');
  });
});

import { describe, expect, it } from 'vitest';
import { PatternError } from './errors';
import { formatIp, inIpRange, parseCidr, parseIp, sameIp } from './ip';
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
  it('reads leading-zero octets as each engine chooses', () => {
    expect(parseIp('010.0.0.1', 'reject')).toBeNull();
    expect(Array.from(parseIp('010.0.0.1', 'decimal') ?? [])).toEqual([10, 0, 0, 1]);
    expect(parseIp('256.0.0.1', 'decimal')).toBeNull();
    expect(parseCidr('010.0.0.0/8', 'reject')).toEqual({
      ok: false,
      message: 'Invalid IP address: 010.0.0.0',
    });
    expect(parseCidr('010.0.0.0/8', 'decimal').ok).toBe(true);
  });

  it("checks CIDR blocks in event-ruler's order", () => {
    const message = (text: string) => {
      const r = parseCidr(text, 'reject');
      return r.ok ? 'ok' : r.message;
    };
    expect(message('/')).toBe("Malformed CIDR, one '/' required");
    expect(message('10.0.0.0/x')).toBe('Malformed CIDR, mask bits must be an integer');
    expect(message('10.0.0.0/-1')).toBe('Malformed CIDR, mask bits must not be negative');
    expect(message('host/8')).toBe('Nonstandard IP address: host');
    expect(message('10.0.0.0/32')).toBe('IPv4 mask bits must be < 32');
    expect(message('::1/128')).toBe('IPv6 mask bits must be < 128');
  });

  it('keeps the address as written and collapses IPv4-mapped IPv6', () => {
    const r = parseCidr('10.1.2.3/8', 'reject');
    if (!r.ok) throw new Error(r.message);
    expect(formatIp(r.range.low)).toBe('10.1.2.3');
    expect(formatIp(r.range.high)).toBe('10.255.255.255');
    const mapped = parseIp('::ffff:a00:1', 'reject');
    expect(mapped && formatIp(mapped)).toBe('10.0.0.1');
    expect(inIpRange(r.range, parseIp('10.9.9.9', 'reject') ?? new Uint8Array())).toBe(true);
    expect(sameIp(parseIp('::1', 'reject') ?? new Uint8Array(), new Uint8Array(4))).toBe(false);
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

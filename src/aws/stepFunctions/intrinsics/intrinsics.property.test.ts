import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEquals, readPath } from '../paths';
import {
  base64DecodeUtf8,
  base64EncodeUtf8,
  evaluateIntrinsic,
  hashHex,
  type HashAlgorithm,
} from '.';

const ctx = { random: () => 0.5 };
const call = (expr: string, input: unknown) => evaluateIntrinsic(expr, input, ctx);
/** Unicode text including astral characters, but no lone surrogates (UTF-8 cannot carry them). */
const text = fc.string({ unit: 'grapheme', maxLength: 60 });
/** JSON values as JSON.parse would produce them (no -0, which JSON cannot express). */
const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('encoding properties', () => {
  it('Base64Decode ∘ Base64Encode is the identity on text', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(call('States.Base64Decode(States.Base64Encode($.s))', { s })).toBe(s);
      }),
    );
  });

  it('Base64Encode matches the platform encoder', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(base64EncodeUtf8(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
      }),
    );
  });

  it('Base64 decoding of arbitrary bytes agrees with the platform decoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const encoded = Buffer.from(bytes).toString('base64');
        expect(base64DecodeUtf8(encoded)).toBe(Buffer.from(bytes).toString('utf8'));
      }),
    );
  });
});

describe('JSON properties', () => {
  it('StringToJson ∘ JsonToString is the identity on JSON values', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(jsonEquals(call('States.StringToJson(States.JsonToString($.v))', { v }), v)).toBe(
          true,
        );
      }),
    );
  });

  it('JsonToString ∘ StringToJson is the identity on compact JSON text', () => {
    fc.assert(
      fc.property(json, (v) => {
        const s = JSON.stringify(v);
        expect(call('States.JsonToString(States.StringToJson($.s))', { s })).toBe(s);
      }),
    );
  });

  it('JsonMerge keeps every key of both objects, the second winning', () => {
    const obj = fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 5 });
    fc.assert(
      fc.property(obj, obj, (a, b) => {
        const merged = call('States.JsonMerge($.a, $.b, false)', { a, b }) as Record<
          string,
          unknown
        >;
        for (const k of Object.keys(b)) expect(jsonEquals(merged[k], b[k])).toBe(true);
        for (const k of Object.keys(a))
          if (!(k in b)) expect(jsonEquals(merged[k], a[k])).toBe(true);
      }),
    );
  });
});

describe('array properties', () => {
  it('ArrayPartition chunks flatten back to the array, every chunk but the last full', () => {
    fc.assert(
      fc.property(fc.array(json, { maxLength: 30 }), fc.integer({ min: 1, max: 10 }), (arr, n) => {
        const chunks = call('States.ArrayPartition($.arr, $.n)', { arr, n }) as unknown[][];
        expect(jsonEquals(chunks.flat(), arr)).toBe(true);
        chunks.slice(0, -1).forEach((c) => expect(c).toHaveLength(n));
      }),
    );
  });

  it('ArrayRange steps from start and never passes end', () => {
    const small = fc.integer({ min: -200, max: 200 });
    const step = fc.integer({ min: -20, max: 20 }).filter((s) => s !== 0);
    fc.assert(
      fc.property(small, small, step, (a, b, s) => {
        const out = call('States.ArrayRange($.a, $.b, $.s)', { a, b, s }) as number[];
        out.forEach((v, i) => expect(v).toBe(a + i * s));
        if (out.length > 0)
          expect(s > 0 ? (out.at(-1) as number) <= b : (out.at(-1) as number) >= b).toBe(true);
        const next = a + out.length * s;
        expect(s > 0 ? next > b : next < b).toBe(true);
      }),
    );
  });

  it('ArrayUnique has no structural duplicates and ArrayContains finds every element', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', null, true)), {
          maxLength: 20,
        }),
        (arr) => {
          const unique = call('States.ArrayUnique($)', arr) as unknown[];
          unique.forEach((u, i) =>
            unique.slice(i + 1).forEach((w) => expect(jsonEquals(u, w)).toBe(false)),
          );
          arr.forEach((x) =>
            expect(call('States.ArrayContains($.u, $.x)', { u: unique, x })).toBe(true),
          );
        },
      ),
    );
  });
});

describe('string properties', () => {
  it('StringSplit pieces are non-empty, free of delimiters and rejoin to the text minus delimiters', () => {
    const alphabet = fc.string({ unit: fc.constantFrom('a', 'b', ',', '.', ' '), maxLength: 30 });
    fc.assert(
      fc.property(alphabet, fc.constantFrom(',', '.,', ' .'), (s, d) => {
        const parts = call('States.StringSplit($.s, $.d)', { s, d }) as string[];
        const delims = new Set(d);
        parts.forEach((p) => {
          expect(p.length).toBeGreaterThan(0);
          expect([...p].some((c) => delims.has(c))).toBe(false);
        });
        expect(parts.join('')).toBe([...s].filter((c) => !delims.has(c)).join(''));
      }),
    );
  });

  it('Format with string values is plain substitution', () => {
    const plain = fc.string({ unit: fc.constantFrom('x', 'y', ' ', '-'), maxLength: 8 });
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        expect(call("States.Format('<{}|{}>', $.a, $.b)", { a, b })).toBe(`<${a}|${b}>`);
      }),
    );
  });

  it('MathAdd of integers is exact addition', () => {
    const i = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
    fc.assert(
      fc.property(i, i, (a, b) => {
        expect(call('States.MathAdd($.a, $.b)', { a, b })).toBe(a + b);
      }),
    );
  });
});

describe('hashes', () => {
  const vectors: [HashAlgorithm, string, string][] = [
    ['MD5', '', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['MD5', 'abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['SHA-1', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['SHA-256', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'SHA-384',
      'abc',
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    ],
    [
      'SHA-512',
      'abc',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
    [
      'SHA-256',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ];

  it.each(vectors)('%s(%j) matches the published vector', (alg, input, hex) =>
    expect(hashHex(input, alg)).toBe(hex),
  );

  it('every algorithm agrees with a reference implementation on random text', () => {
    const names: Record<HashAlgorithm, string> = {
      MD5: 'md5',
      'SHA-1': 'sha1',
      'SHA-256': 'sha256',
      'SHA-384': 'sha384',
      'SHA-512': 'sha512',
    };
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.constantFrom(...(Object.keys(names) as HashAlgorithm[])),
        (s, alg) => {
          expect(hashHex(s, alg)).toBe(createHash(names[alg]).update(s, 'utf8').digest('hex'));
        },
      ),
    );
  });
});

describe('path properties', () => {
  it('a dotted path reads back what was placed at it', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,6}$/);
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 4 }), json, (keys, v) => {
        const doc = keys.reduceRight<unknown>((acc, k) => ({ [k]: acc }), v);
        expect(jsonEquals(readPath('$.' + keys.join('.'), doc), v)).toBe(true);
        expect(jsonEquals(readPath('$' + keys.map((k) => `['${k}']`).join(''), doc), v)).toBe(true);
      }),
    );
  });
});

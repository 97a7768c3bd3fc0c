import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileFilterPolicy,
  explainFilterPolicyMismatch,
  matchFilterPolicy,
  validateFilterPolicy,
  type MessageAttributes,
  type MessageAttributeValue,
} from './index';

type Scalar = string | number | boolean | null;

const name = fc.stringMatching(/^[a-z]{1,6}$/);
const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });
const scalar: fc.Arbitrary<Scalar> = fc.oneof(fc.string(), finite, fc.boolean(), fc.constant(null));

/** An attribute plus one value a policy could require of it. */
interface GeneratedAttribute {
  readonly attribute: MessageAttributeValue;
  readonly policyValue: Scalar;
}

const generatedAttribute: fc.Arbitrary<GeneratedAttribute> = fc.oneof(
  fc.string().map((s) => ({ attribute: { Type: 'String' as const, Value: s }, policyValue: s })),
  finite.map((n) => ({ attribute: { Type: 'Number' as const, Value: String(n) }, policyValue: n })),
  fc.array(scalar, { minLength: 1, maxLength: 4 }).chain((values) =>
    fc.nat(values.length - 1).map((i) => ({
      attribute: { Type: 'String.Array' as const, Value: JSON.stringify(values) },
      policyValue: values[i] ?? null,
    })),
  ),
);

const attributeMessageAndPolicy = fc
  .uniqueArray(fc.record({ name, generated: generatedAttribute }), {
    minLength: 1,
    maxLength: 8,
    selector: (entry) => entry.name,
  })
  .chain((entries) =>
    fc
      .subarray(entries, { minLength: 1, maxLength: Math.min(5, entries.length) })
      .map((chosen) => ({
        message: Object.fromEntries(
          entries.map((e) => [e.name, e.generated.attribute]),
        ) as MessageAttributes,
        policy: Object.fromEntries(chosen.map((e) => [e.name, [e.generated.policyValue]])),
        required: chosen.map((e) => e.name),
      })),
  );

function without<T extends object>(object: T, key: string): T {
  const copy: Record<string, unknown> = { ...(object as Record<string, unknown>) };
  delete copy[key];
  return copy as T;
}

describe('property: a policy built from a message matches it', () => {
  it('attributes: any subset of the message’s own values matches; dropping one fails', () => {
    fc.assert(
      fc.property(attributeMessageAndPolicy, ({ message, policy, required }) => {
        expect(validateFilterPolicy(policy, 'MessageAttributes')).toEqual({ ok: true });
        const compiled = compileFilterPolicy(policy, 'MessageAttributes');
        expect(compiled.matches(message)).toBe(true);
        for (const key of required) {
          const reduced = without(message, key);
          expect(compiled.matches(reduced)).toBe(false);
          const why = compiled.explain(reduced);
          expect(why.reasons.map((r) => r.key)).toContain(key);
        }
      }),
    );
  }, 60_000);

  type Json = Scalar | Json[] | { [key: string]: Json };
  const key = fc.stringMatching(/^[a-z]{1,3}$/);
  const { node } = fc.letrec<{ node: Json; array: Json[]; object: Record<string, Json> }>(
    (tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 3 }),
      object: fc.dictionary(key, tie('node'), { maxKeys: 3 }),
    }),
  );
  const bodyArb = fc.dictionary(key, node, { minKeys: 1, maxKeys: 5 });

  /** Every scalar in a body with its key path (arrays are transparent, as in SNS). */
  function leaves(value: Json, path: string[], into: Array<[string[], Scalar]>): void {
    if (Array.isArray(value)) value.forEach((v) => leaves(v, path, into));
    else if (value !== null && typeof value === 'object') {
      Object.entries(value).forEach(([k, v]) => leaves(v, [...path, k], into));
    } else into.push([path, value]);
  }

  /** A nested policy requiring each chosen leaf; a path that prefixes another is dropped. */
  function policyFor(chosen: Array<[string[], Scalar]>): Record<string, unknown> {
    const byPath = new Map<string, Scalar[]>();
    for (const [path, value] of chosen)
      byPath.set(path.join('.'), [...(byPath.get(path.join('.')) ?? []), value]);
    const paths = [...byPath.keys()].filter(
      (p) => ![...byPath.keys()].some((q) => q.startsWith(`${p}.`)),
    );
    const policy: Record<string, unknown> = {};
    for (const path of paths) {
      const segments = path.split('.');
      let cursor = policy;
      segments
        .slice(0, -1)
        .forEach((s) => (cursor = (cursor[s] ??= {}) as Record<string, unknown>));
      cursor[segments[segments.length - 1] ?? ''] = byPath.get(path);
    }
    return policy;
  }

  it('body: leaves picked from the body match it; dropping their top-level key fails', () => {
    const arb = bodyArb.chain((body) => {
      const all: Array<[string[], Scalar]> = [];
      leaves(body, [], all);
      return all.length === 0
        ? fc.constant(undefined)
        : fc
            .subarray(all, { minLength: 1, maxLength: Math.min(4, all.length) })
            .map((chosen) => ({ body, chosen }));
    });
    fc.assert(
      fc.property(arb, (sample) => {
        if (sample === undefined) return;
        const { body, chosen } = sample;
        const policy = policyFor(chosen);
        const compiled = compileFilterPolicy(policy, 'MessageBody');
        expect(compiled.matches(body)).toBe(true);
        expect(compiled.matches(JSON.stringify(body))).toBe(true);
        for (const top of Object.keys(policy)) {
          expect(compiled.matches(without(body, top))).toBe(false);
        }
      }),
    );
  });
});

describe('property: every entry point agrees', () => {
  const pool = fc.constantFrom('x', 'xy', 'yx', 'X', '10.1.2.3', '');
  const numbers = fc.constantFrom(-1, 0, 0.5, 3, 1e10);
  const condition = fc.oneof(
    pool,
    numbers,
    fc.constantFrom(true, null),
    pool.map((s) => ({ prefix: s })),
    pool.map((s) => ({ suffix: s })),
    pool.map((s) => ({ 'equals-ignore-case': s })),
    pool.map((s) => ({ 'anything-but': s })),
    fc.array(pool, { minLength: 1, maxLength: 2 }).map((l) => ({ 'anything-but': l })),
    pool.map((s) => ({ 'anything-but': { prefix: s } })),
    fc.tuple(fc.constantFrom('=', '<', '<=', '>', '>='), numbers).map((t) => ({ numeric: t })),
    fc.tuple(numbers, numbers).map(([a, b]) => ({ numeric: ['>=', a, '<', b] })),
    fc.boolean().map((b) => ({ exists: b })),
    fc.constantFrom('10.0.0.0/8', '10.1.2.0/24').map((c) => ({ cidr: c })),
  );
  const names = fc.constantFrom('a', 'b', 'c', 'd');
  const flatPolicy = fc.dictionary(names, fc.array(condition, { minLength: 1, maxLength: 3 }), {
    minKeys: 1,
    maxKeys: 3,
  });
  const policy = fc.oneof(
    flatPolicy,
    fc.tuple(flatPolicy, flatPolicy, flatPolicy).map(([base, x, y]) => ({ ...base, $or: [x, y] })),
  );
  const attribute: fc.Arbitrary<MessageAttributeValue> = fc.oneof(
    pool.map((Value) => ({ Type: 'String' as const, Value })),
    numbers.map((n) => ({ Type: 'Number' as const, Value: String(n) })),
    fc
      .array(fc.oneof(pool, numbers), { maxLength: 3 })
      .map((l) => ({ Type: 'String.Array' as const, Value: JSON.stringify(l) })),
    fc.constant({ Type: 'Binary' as const, Value: 'AA==' }),
  );
  const message = fc.dictionary(names, attribute, { maxKeys: 4 });

  it('matches, compiled matches and explain agree; order does not matter', () => {
    fc.assert(
      fc.property(policy, message, (p, m) => {
        const expected = matchFilterPolicy(p, m, 'MessageAttributes');
        expect(compileFilterPolicy(p, 'MessageAttributes').matches(m)).toBe(expected);
        const why = explainFilterPolicyMismatch(p, m, 'MessageAttributes');
        expect(why.matched).toBe(expected);
        expect(why.reasons.length === 0).toBe(expected);
        const reversed = Object.fromEntries(
          Object.entries(p)
            .reverse()
            .map(([k, v]) => [k, k === '$or' && Array.isArray(v) ? [...v].reverse() : v]),
        );
        expect(matchFilterPolicy(reversed, m, 'MessageAttributes')).toBe(expected);
      }),
    );
  }, 60_000);

  it('validation never depends on the message and rejects with InvalidParameter only', () => {
    fc.assert(
      fc.property(policy, (p) => {
        const result = validateFilterPolicy(p, 'MessageAttributes');
        if (!result.ok) {
          expect(result.code).toBe('InvalidParameter');
          expect(result.message.startsWith('Invalid parameter: Attributes Reason: ')).toBe(true);
        }
      }),
    );
  });
});

describe('property: arbitrary JSON never breaks the engine', () => {
  it('validation returns a verdict, with a parser column inside the source', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom('MessageAttributes', 'MessageBody'),
        (p, scope) => {
          const result = validateFilterPolicy(p, scope);
          if (result.ok || result.location === undefined) return;
          const json = JSON.stringify(p);
          expect(result.location.column).toBeGreaterThanOrEqual(1);
          expect(result.location.column).toBeLessThanOrEqual(json.length + 1);
        },
      ),
    );
  });

  it('matching and explaining accept any policy and message', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.jsonValue(),
        fc.constantFrom('MessageAttributes', 'MessageBody'),
        (p, m, scope) => {
          const compiled = compileFilterPolicy(p, scope);
          const message = m as unknown as MessageAttributes;
          expect(compiled.explain(message).matched).toBe(compiled.matches(message));
        },
      ),
    );
  });
});

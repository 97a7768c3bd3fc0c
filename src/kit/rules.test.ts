import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventPatternRule, filterPolicyRule } from './kinds/rules';
import type { Payload } from './payload';

/** A flat body of strings and numbers, as the patterns' payloads are. */
const body = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/),
  fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), fc.integer({ min: -1000, max: 1000 })),
  { minKeys: 1, maxKeys: 5 },
);

const payloadOf = (b: Record<string, string | number>): Payload => ({
  body: b,
  attributes: Object.fromEntries(
    Object.entries(b).map(([k, v]) => [
      k,
      typeof v === 'string'
        ? { Type: 'String' as const, Value: v }
        : { Type: 'Number' as const, Value: String(v) },
    ]),
  ),
});

describe('rules built from a message match it; one more condition it fails stops the match', () => {
  it('SNS filter policies, on attributes and on the body', () => {
    fc.assert(
      fc.property(body, fc.nat(4), (b, pick) => {
        const payload = payloadOf(b);
        const keys = Object.keys(b);
        const key = keys[pick % keys.length] as string;
        for (const scope of ['MessageAttributes', 'MessageBody'] as const) {
          const own = Object.fromEntries(
            keys.map((k) => [k, typeof b[k] === 'number' ? [{ numeric: ['=', b[k]] }] : [b[k]]]),
          );
          expect(filterPolicyRule(own, scope).matches(0, payload)).toBe(true);
          const edited = { ...own, [key]: ['a value it does not have'] };
          expect(filterPolicyRule(edited, scope).matches(0, payload)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('EventBridge event patterns on the event built from the message', () => {
    fc.assert(
      fc.property(body, fc.nat(4), (b, pick) => {
        const payload = payloadOf({ ...b, source: 'payments' });
        const keys = Object.keys(b);
        const key = keys[pick % keys.length] as string;
        const detail = Object.fromEntries(keys.map((k) => [k, [b[k]]]));
        const own = { source: ['payments'], detail };
        expect(eventPatternRule(own).matches(0, payload)).toBe(true);
        const edited = { source: ['payments'], detail: { ...detail, [key]: [{ prefix: '~no~' }] } };
        expect(eventPatternRule(edited).matches(0, payload)).toBe(false);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

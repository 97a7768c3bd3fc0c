/**
 * Conformance against the shared SNS data (test/conformance/sns, taken from LocalStack's suite):
 * every match case and every invalid policy, none skipped or singled out by name.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileFilterPolicy,
  explainFilterPolicyMismatch,
  matchFilterPolicy,
  validateFilterPolicy,
  type FilterableMessage,
  type FilterPolicyScope,
} from './index';

const dataDir = resolve(import.meta.dirname, '../../../test/conformance/sns');

function load<T>(file: string): T {
  return JSON.parse(readFileSync(resolve(dataDir, file), 'utf8')) as T;
}

interface MatchCase {
  readonly name?: string;
  readonly scope: FilterPolicyScope;
  readonly policy: Record<string, unknown>;
  readonly messageAttributes?: FilterableMessage;
  readonly body?: FilterableMessage;
  readonly expected: boolean;
}

interface InvalidCase {
  readonly test: string;
  readonly label: string;
  readonly policy: Record<string, unknown>;
  readonly awsErrorCode: string;
  readonly awsMessage: string;
}

const matchData = load<{ attributes: MatchCase[]; body: MatchCase[] }>('filter-policy-cases.json');
const matchCases = [...matchData.attributes, ...matchData.body];
const invalidCases = load<InvalidCase[]>('invalid-policy-cases.json');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when some key (outside `$or` lists) holds a nested object. */
function isNested(policy: Record<string, unknown>): boolean {
  return Object.entries(policy).some(([key, value]) =>
    key === '$or' && Array.isArray(value)
      ? value.some((alternative) => isRecord(alternative) && isNested(alternative))
      : isRecord(value),
  );
}

/** True when some key's value is a bare scalar rather than a list (a form SNS refuses). */
function hasBareValue(policy: Record<string, unknown>): boolean {
  return Object.values(policy).some((value) =>
    isRecord(value) ? hasBareValue(value) : !Array.isArray(value),
  );
}

describe('SNS filter-policy match cases', () => {
  it('has all 116 cases', () => {
    expect(matchData.attributes).toHaveLength(69);
    expect(matchData.body).toHaveLength(47);
  });

  matchCases.forEach((c, index) => {
    const message = (c.scope === 'MessageAttributes' ? c.messageAttributes : c.body) ?? {};
    it(`#${index} ${c.scope} ${c.name ?? JSON.stringify(c.policy)} → ${c.expected}`, () => {
      expect(matchFilterPolicy(c.policy, message, c.scope)).toBe(c.expected);
      const compiled = compileFilterPolicy(c.policy, c.scope);
      expect(compiled.matches(message)).toBe(c.expected);
      const explanation = explainFilterPolicyMismatch(c.policy, message, c.scope);
      expect(explanation.matched).toBe(c.expected);
      expect(explanation.reasons.length === 0).toBe(c.expected);
      if (c.scope === 'MessageBody') {
        // SNS receives the body as text; the parsed and textual forms must agree.
        expect(compiled.matches(JSON.stringify(message))).toBe(c.expected);
      }
    });
  });

  // Some cases write a key's value bare ({"filter": "type1"}), which SNS itself refuses with
  // '"filter" must be an object or an array'. The matcher reads it as the one-element list it
  // plainly means (the cases above expect exactly that); validation still rejects it as AWS does.
  it('only the bare-value policies are ones AWS would refuse', () => {
    for (const c of matchCases) {
      const result = validateFilterPolicy(c.policy, c.scope);
      expect(result.ok, JSON.stringify(c.policy)).toBe(!hasBareValue(c.policy));
      if (!result.ok) expect(result.message).toMatch(/: "[^"]+" must be an object or an array$/);
    }
  });
});

describe('SNS invalid filter policies (recorded against AWS)', () => {
  it('has all 40 cases', () => {
    expect(invalidCases).toHaveLength(40);
  });

  // The data records no scope. Every message carries "Attributes Reason", so each policy was sent
  // with Subscribe(Attributes=…). A flat policy is judged the same under either scope, so it is
  // checked under both; a nested one can only be judged past the nesting check under MessageBody
  // (AWS refuses nested MessageAttributes policies), so that is the scope it was recorded with.
  invalidCases.forEach((c, index) => {
    const scopes: FilterPolicyScope[] = isNested(c.policy)
      ? ['MessageBody']
      : ['MessageAttributes', 'MessageBody'];
    for (const scope of scopes) {
      it(`#${index} ${c.test} / ${c.label} (${scope})`, () => {
        const result = validateFilterPolicy(c.policy, scope, { operation: 'Subscribe' });
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.code).toBe(c.awsErrorCode);
        expect(result.message).toBe(c.awsMessage);
        expect(result.fullMessage.startsWith(result.message)).toBe(true);
        const suffix = result.fullMessage.slice(result.message.length);
        if (result.location === undefined) expect(suffix).toBe('');
        else expect(suffix).toMatch(/^\n at \[Source: \(String\)".*"; line: 1, column: \d+\]$/);
      });
    }
  });
});

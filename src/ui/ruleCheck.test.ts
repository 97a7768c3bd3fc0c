import { describe, expect, it } from 'vitest';
import { findPattern, type GraphEdge } from '../patterns';
import { checkRule, formatRule } from './ruleCheck';
import { patternSamples } from './TestPanel';
import { defaultParams } from '../patterns';

const subscription: GraphEdge = {
  id: 's',
  source: 't',
  target: 'e',
  kind: 'subscription',
  config: { filterPolicyScope: 'MessageAttributes' },
};
const rule: GraphEdge = { id: 'r', source: 'b', target: 'x', kind: 'rule', config: { rule: 'R' } };

function problemOf(text: string, edge: GraphEdge) {
  const r = checkRule(text, edge);
  if (r.ok) throw new Error(`expected ${text} to be refused`);
  return { ...r.problem, marked: text.slice(r.problem.from ?? 0, r.problem.to ?? 0) };
}

describe('checking a typed rule', () => {
  it('accepts what AWS accepts', () => {
    expect(checkRule('{"source": ["refunds"]}', subscription)).toEqual({
      ok: true,
      rule: { source: ['refunds'] },
    });
    expect(checkRule('{"detail": {"type": [{"prefix": "Sa"}]}}', rule).ok).toBe(true);
    expect(checkRule('{}', subscription).ok).toBe(true);
  });

  it('shows AWS’s own error text and marks the place', () => {
    const sns = problemOf('{\n  "source": "refunds"\n}', subscription);
    expect(sns.source).toBe('aws');
    expect(sns.message).toBe(
      'Invalid parameter: FilterPolicy: "source" must be an object or an array',
    );
    expect(sns.marked).toBe('"source"');
    const eb = problemOf('{"detail": {"amount": [{"numeric": ["<", "x"]}]}}', rule);
    expect(eb.message).toBe('Event pattern is not valid. Reason: Value of < must be numeric');
    expect(eb.marked).toBe('"<"');
    expect(problemOf('{}', rule).message).toMatch(/Empty objects are not allowed/);
    expect(problemOf('[1]', subscription).message).toMatch(/Filter is not an object/);
    expect(problemOf('"x"', rule).message).toMatch(/Filter is not an object/);
  });

  it('says when the text is not JSON, and where', () => {
    const p = problemOf('{"source": ["refunds",]}', subscription);
    expect(p.source).toBe('json');
    expect(p.marked).toBe(',');
  });

  it('writes a rule as two-space JSON', () => {
    expect(formatRule({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(formatRule(undefined)).toBe('{}');
  });
});

describe('test panel samples', () => {
  it('are the bodies the pattern’s producers send, for every pattern that has rules', () => {
    const sns = findPattern('pubsub-sns')!;
    const samples = patternSamples(sns, defaultParams(sns));
    expect(samples.map((s) => s.body)).toContainEqual({ type: 'Customer', source: 'refunds' });
    const eb = findPattern('pubsub-eventbridge')!;
    const single = patternSamples(eb, { ...defaultParams(eb), eventStyle: 'single' });
    expect(single.every((s) => s.body.type === 'Payment')).toBe(true);
  });
});

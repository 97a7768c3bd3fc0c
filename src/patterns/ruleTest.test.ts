import { describe, expect, it } from 'vitest';
import { testRules } from '../kit';
import { defaultParams, findPattern } from './index';

describe('the test panel', () => {
  it('says which subscriptions take a message and why the others do not', () => {
    const pattern = findPattern('pubsub-sns')!;
    const results = testRules(
      pattern,
      defaultParams(pattern),
      {},
      {
        body: { type: 'Sales', source: 'payments' },
      },
    );
    const email = results.find((r) => r.edgeId === 'topicToEmail')!;
    expect(email.matched).toBe(false);
    expect(email.reasons.join(' ')).toMatch(/type/);
    expect(results.find((r) => r.edgeId === 'topicToSales')?.matched).toBe(true);
    const edited = testRules(
      pattern,
      defaultParams(pattern),
      { topicToEmail: { type: ['Sales'] } },
      {
        body: { type: 'Sales', source: 'payments' },
      },
    );
    expect(edited.find((r) => r.edgeId === 'topicToEmail')?.matched).toBe(true);
    const invalid = testRules(
      pattern,
      defaultParams(pattern),
      { topicToEmail: { type: 'Sales' } },
      {
        body: { type: 'Sales' },
      },
    );
    expect(invalid.find((r) => r.edgeId === 'topicToEmail')?.problem).toBeTruthy();
  });

  it('shows what an input transformer hands each target', () => {
    const pattern = findPattern('pubsub-eventbridge')!;
    const params = { ...defaultParams(pattern), eventStyle: 'single' };
    const results = testRules(
      pattern,
      params,
      {},
      {
        body: { type: 'Payment', source: 'payments', customer: 'c-9', amount: 3, email: 'x@y' },
      },
    );
    const sales = results.find((r) => r.edgeId === 'busToSalesSingle')!;
    expect(sales.matched).toBe(true);
    expect(JSON.parse(sales.input!)).toEqual({ customer: 'c-9', amount: 3 });
    expect(results.filter((r) => r.kind === 'rule' && r.matched)).toHaveLength(3);
  });
});

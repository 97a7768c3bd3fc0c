import { describe, expect, it } from 'vitest';
import { createRun, resolveParams } from '../index';

type EdgeCounts = Record<string, number> &
  Record<
    'matched' | 'filtered' | 'delivered' | 'retried' | 'inRetry' | 'deadLettered' | 'lost',
    number
  >;
import { pubsubEventBridge as pattern } from './index';

const start = (set: Record<string, string>, seed = 1) => {
  const { values, errors } = resolveParams(pattern, set);
  expect(errors).toEqual([]);
  return createRun(pattern, values, { seed });
};

describe("pubsub-eventbridge: the seed's points", () => {
  it('typed events reach only the targets of the rule for their type; unmatched ones go nowhere', () => {
    const r = start({});
    r.advanceTo(120_000);
    const s = r.summary();
    const events = s.nodes.bus?.events ?? 0;
    const sales = s.edges.busToSales as EdgeCounts;
    const email = s.edges.busToEmail as EdgeCounts;
    expect(s.edges.busToCustomer?.matched).toBe(sales.matched);
    // Weights 50 : 30 : 20.
    expect(sales.matched / events).toBeGreaterThan(0.43);
    expect(sales.matched / events).toBeLessThan(0.57);
    expect(email.matched / events).toBeGreaterThan(0.24);
    expect(email.matched / events).toBeLessThan(0.36);
    expect(s.nodes.bus?.unmatched).toBe(events - sales.matched - email.matched);
  });

  it('one event type, three rules: every target gets every payment, trimmed by its input transformer', () => {
    const r = start({ eventStyle: 'single', mixOther: '0' });
    r.advanceTo(60_000);
    const s = r.summary();
    const events = s.nodes.bus?.events ?? 0;
    for (const edge of ['busToCustomerSingle', 'busToSalesSingle', 'busToEmailSingle'])
      expect(s.edges[edge]?.matched).toBe(events);
  });

  it("a Lambda target that is down loses events after Lambda's retries, not EventBridge's", () => {
    const r = start({ salesUp: 'false' });
    r.advanceTo(60_000);
    r.built.stopTraffic();
    r.advanceTo(400_000);
    const s = r.summary();
    expect(s.edges.busToSales?.retried).toBe(0);
    expect(s.edges.busToSales?.lost).toBe(0);
    expect(s.ledger.dropped.retriesExhausted).toBe(s.edges.busToSales?.matched);
    expect(s.nodes.user?.ok).toBe(s.nodes.user?.sent);
  }, 60_000);

  it('PutEvents past its quota throttles the publisher, and the user gets errors', () => {
    const r = start({ putEventsPerSecond: '5', publishRate: '20' });
    r.advanceTo(60_000);
    const s = r.summary();
    expect(s.nodes.bus?.throttled).toBeGreaterThan(500);
    expect(s.nodes.user?.serverErrors).toBe(s.nodes.bus?.throttled);
    expect(s.ledger.dropped.throttled).toBeGreaterThan(500);
  }, 60_000);

  it('an edited event pattern applies to every target of its rule; an invalid one is refused', () => {
    const r = start({});
    r.advanceTo(10_000);
    expect(r.built.setRule('busToSales', { source: 'payments' })).toMatch(
      /InvalidEventPatternException|array/i,
    );
    expect(r.built.setRule('busToSales', { source: ['refunds'] })).toBeUndefined();
    expect(r.built.rules().busToCustomer).toEqual({ source: ['refunds'] });
  });
});

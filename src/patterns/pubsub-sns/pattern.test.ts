import { describe, expect, it } from 'vitest';
import { createRun, resolveParams } from '../index';

type EdgeCounts = Record<string, number> &
  Record<
    'matched' | 'filtered' | 'delivered' | 'retried' | 'inRetry' | 'deadLettered' | 'lost',
    number
  >;
import { pubsubSns as pattern } from './index';

const start = (set: Record<string, string>, seed = 1) => {
  const { values, errors } = resolveParams(pattern, set);
  expect(errors).toEqual([]);
  return createRun(pattern, values, { seed });
};

describe("pubsub-sns: the seed's points", () => {
  it('fans out one delivery per subscription; the email filter keeps only type Customer from payments', () => {
    const r = start({});
    r.advanceTo(120_000);
    const s = r.summary();
    const published = s.nodes.topic?.published ?? 0;
    expect(s.ledger.deliveries).toBe(3 * published);
    const email = s.edges.topicToEmail as EdgeCounts;
    // 40 : 40 : 20 weights: about 40% of the messages are type Customer from payments.
    expect(email.matched / published).toBeGreaterThan(0.33);
    expect(email.matched / published).toBeLessThan(0.47);
    expect(email.filtered).toBe(published - email.matched);
    expect(s.edges.topicToSales?.filtered).toBe(0);
    expect(s.ledger.dropped.filteredOut).toBe(email.filtered);
  });

  it('a subscriber function that is down loses its messages after Lambda retries; the publisher never knows', () => {
    const r = start({ salesUp: 'false' });
    r.advanceTo(60_000);
    r.built.stopTraffic();
    r.advanceTo(400_000);
    const s = r.summary();
    const published = s.nodes.topic?.published ?? 0;
    expect(s.nodes.user?.ok).toBe(s.nodes.user?.sent); // every Publish answered well
    expect(s.edges.topicToSales?.delivered).toBe(published); // SNS handed every one to Lambda
    expect(s.ledger.dropped.retriesExhausted).toBe(published); // and Lambda dropped them all
    expect(s.nodes.sales?.invocations).toBe(3 * published);
    const graves = r.built.graveyard().sales ?? [];
    expect(graves.length).toBeGreaterThan(0);
    expect(graves[0]).toMatchObject({ reason: 'retriesExhausted', attempts: 3 });
    expect(r.world.ledger.countInSystem()).toBe(0);
  }, 60_000);

  it('an email server that is down: SNS retries for hours, then the message is lost or parked in the DLQ', () => {
    for (const dlq of [false, true]) {
      const r = start({ emailUp: 'false', emailDlq: String(dlq), publishRate: '1' });
      r.advanceTo(60_000);
      const retrying = r.summary().edges.topicToEmail as EdgeCounts;
      expect(retrying.inRetry).toBe(retrying.matched);
      expect(retrying.lost + retrying.deadLettered).toBe(0);
      r.built.stopTraffic();
      r.advanceTo(8 * 3_600_000);
      const s = r.summary().edges.topicToEmail as EdgeCounts;
      expect(s.inRetry).toBe(0);
      if (dlq) {
        expect(s.deadLettered).toBe(s.matched);
        expect(r.summary().nodes.emailDlq?.visible).toBe(s.matched);
      } else {
        expect(s.lost).toBe(s.matched);
        expect(r.built.graveyard().email?.[0]?.attempts).toBe(51);
      }
    }
  }, 60_000);

  it("an edited filter policy applies at once; an invalid one is refused with AWS's error text", () => {
    const r = start({});
    r.advanceTo(30_000);
    const before = r.summary().edges.topicToEmail as EdgeCounts;
    expect(r.built.setRule('topicToEmail', { type: [{ prefix: 1 }] })).toMatch(/prefix/i);
    expect(r.built.setRule('topicToEmail', { source: ['refunds'] })).toBeUndefined();
    r.advanceTo(60_000);
    const after = r.summary().edges.topicToEmail as EdgeCounts;
    const matchedLater = after.matched - before.matched;
    const filteredLater = after.filtered - before.filtered;
    // Refunds are 20% of the mix now matched, instead of 40%.
    expect(matchedLater / (matchedLater + filteredLater)).toBeLessThan(0.3);
    expect(r.built.rules().topicToEmail).toEqual({ source: ['refunds'] });
  });

  it('an edited rule that arrives invalid (in a link) is refused with a note, not a crash', () => {
    const { values } = resolveParams(pattern, {});
    const r = createRun(pattern, values, {
      seed: 1,
      rules: { topicToEmail: { type: 'Customer' } },
    });
    r.advanceTo(10_000);
    expect(r.summary().notes.topic).toMatch(/refused/);
    expect(r.built.rules().topicToEmail).toEqual({ type: ['Customer'], source: ['payments'] });
    expect(r.summary().edges.topicToEmail?.matched).toBeGreaterThan(0);
  });

  it('explains why a message is filtered out', () => {
    const r = start({ mixCustomer: '0', mixSales: '100', mixRefunds: '0' });
    r.advanceTo(5_000);
    const id = r.world.ledger.summary().created; // a Sales message
    const why = r.built.explainRule('topicToEmail', id);
    expect(why.join(' ')).toMatch(/type/);
  });
});

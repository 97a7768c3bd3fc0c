import { describe, expect, it } from 'vitest';
import { patterns } from '../patterns';
import { buildSearch, parseBench, parseLocation } from './url';

const sqs = patterns[0]!;

describe('parseLocation', () => {
  it('uses the first pattern and the defaults when the address says nothing', () => {
    const loc = parseLocation('', patterns);
    expect(loc.pattern.id).toBe(sqs.id);
    expect(loc.seed).toBe(1);
    expect(loc.errors).toEqual([]);
  });

  it('restores parameters and seed', () => {
    const loc = parseLocation(
      '?pattern=message-decoupling-sqs&paymentRate=40&withoutQueue=true&seed=7',
      patterns,
    );
    expect(loc.params.paymentRate).toBe(40);
    expect(loc.params.withoutQueue).toBe(true);
    expect(loc.seed).toBe(7);
    expect(loc.errors).toEqual([]);
  });

  it('names every bad part and keeps the defaults for them', () => {
    const loc = parseLocation(
      '?pattern=message-decoupling-sqs&paymentRate=abc&salesErrorRate=101&nope=1&seed=1.5',
      patterns,
    );
    expect(loc.params.paymentRate).toBe(10);
    expect(loc.params.salesErrorRate).toBe(0);
    expect(loc.seed).toBe(1);
    expect(loc.errors).toHaveLength(4);
    expect(loc.errors[0]).toMatch(
      /paymentRate must be a number, got "abc"\. Using the default, 10 msg\/s\./,
    );
    expect(loc.errors.join(' ')).toMatch(/unknown parameter "nope"/);
    expect(loc.errors.join(' ')).toMatch(/seed must be a whole number/);
  });

  it('falls back to the first pattern for an unknown one', () => {
    const loc = parseLocation('?pattern=nope&paymentRate=3', patterns);
    expect(loc.pattern.id).toBe(sqs.id);
    expect(loc.params.paymentRate).toBe(10);
    expect(loc.errors[0]).toMatch(/Unknown pattern "nope"/);
    expect(loc.errors[1]).toMatch(/Ignored "paymentRate"/);
  });
});

describe('buildSearch', () => {
  it('writes only the parameters that differ from the defaults', () => {
    const loc = parseLocation('?pattern=message-decoupling-sqs&paymentRate=40', patterns);
    expect(buildSearch(loc.pattern, loc.params, 3)).toBe(
      '?pattern=message-decoupling-sqs&paymentRate=40&seed=3',
    );
  });

  it('round-trips', () => {
    const search = '?pattern=message-decoupling-sqs&arrivalPattern=bursts&withoutQueue=true&seed=9';
    const loc = parseLocation(search, patterns);
    expect(buildSearch(loc.pattern, loc.params, loc.seed)).toBe(search);
  });
});

describe('parseBench', () => {
  it('reads the dots benchmark', () => {
    expect(parseBench('?bench=dots&n=10000')).toEqual({ n: 10000 });
    expect(parseBench('?pattern=x')).toBeNull();
  });
});

describe('edited rules in the address', () => {
  it('round-trips an edited rule and refuses a bad one with a message', async () => {
    const { patterns } = await import('../patterns');
    const search =
      '?pattern=pubsub-sns&rule.topicToEmail=' +
      encodeURIComponent('{"type":["Sales"]}') +
      '&rule.nope=%7B%7D&rule.topicToSales=not-json&seed=2';
    const loc = parseLocation(search, patterns);
    expect(loc.rules).toEqual({ topicToEmail: { type: ['Sales'] } });
    expect(loc.errors.join(' ')).toMatch(/no subscription or rule "nope"/);
    expect(loc.errors.join(' ')).toMatch(/rule.topicToSales.*not a JSON object/);
    const again = parseLocation(
      buildSearch(loc.pattern, loc.params, loc.seed, loc.rules),
      patterns,
    );
    expect(again.rules).toEqual(loc.rules);
    expect(again.errors).toEqual([]);
  });
});

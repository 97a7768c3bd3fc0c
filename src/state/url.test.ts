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
      /^Parameter paymentRate must be a number, got "abc"\. Using the default, 10 msg\/s\.$/,
    );
    expect(loc.errors.join(' ')).toMatch(/Unknown parameter "nope"/);
    expect(loc.errors.join(' ')).toMatch(/The seed must be a whole number/);
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

describe('link hygiene', () => {
  it('names a key given twice, uses its first value and keeps the rest of the link', () => {
    const loc = parseLocation(
      '?pattern=message-decoupling-sqs&paymentRate=10&salesErrorRate=5&paymentRate=40',
      patterns,
    );
    expect(loc.errors).toEqual([
      'The link gives "paymentRate" 2 times, with different values ("10", "40"). Using the first, "10".',
    ]);
    expect(loc.params.paymentRate).toBe(10);
    expect(loc.params.salesErrorRate).toBe(5);
  });

  it('says so when a key is repeated with the same value, and uses it', () => {
    const loc = parseLocation('?pattern=message-decoupling-sqs&seed=4&seed=4', patterns);
    expect(loc.seed).toBe(4);
    expect(loc.errors).toEqual([
      'The link gives "seed" 2 times; all say "4", so that value is used.',
    ]);
  });

  it('names a repeated pattern and uses the first', () => {
    const loc = parseLocation('?pattern=pubsub-sns&pattern=message-bus', patterns);
    expect(loc.pattern.id).toBe('pubsub-sns');
    expect(loc.errors[0]).toMatch(/^The link gives "pattern" 2 times/);
  });

  it('accepts only true and false for a switch, and says so', () => {
    for (const word of ['yes', '1', 'on', 'TRUE', 'no']) {
      const loc = parseLocation(`?pattern=message-decoupling-sqs&withoutQueue=${word}`, patterns);
      expect(loc.params.withoutQueue).toBe(false);
      expect(loc.errors).toEqual([
        `Parameter withoutQueue must be true or false (only these two words are accepted), got "${word}". Using the default, false.`,
      ]);
    }
    const on = parseLocation('?pattern=message-decoupling-sqs&withoutQueue=true', patterns);
    expect(on.params.withoutQueue).toBe(true);
  });

  it('clips long values with an ellipsis', () => {
    const long = 'x'.repeat(5000);
    const loc = parseLocation(`?pattern=${long}&seed=${long}`, patterns);
    expect(loc.errors).toHaveLength(2);
    for (const error of loc.errors) expect(error.length).toBeLessThan(400);
    expect(loc.errors[0]).toContain(`"${'x'.repeat(79)}…"`);
    const param = parseLocation(`?pattern=message-decoupling-sqs&paymentRate=${long}`, patterns);
    expect(param.errors[0]).toContain('…"');
    expect(param.errors[0]!.length).toBeLessThan(200);
  });

  it('writes every message in one style: sentence case, single spaces, a full stop', () => {
    const loc = parseLocation(
      '?pattern=message-decoupling-sqs&paymentRate=abc&paymentRate=2&salesErrorRate=101&arrivalPattern=zig&nope=1&withoutQueue=yes&seed=-1&rule.nope=%7B%7D',
      patterns,
    );
    expect(loc.errors.length).toBeGreaterThanOrEqual(6);
    for (const error of loc.errors) {
      expect(error).toMatch(/^[A-Z]/);
      expect(error).not.toMatch(/ {2}/);
      expect(error).toMatch(/[.…]$/);
    }
  });
});

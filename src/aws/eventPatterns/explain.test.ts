import { describe, expect, it } from 'vitest';
import { explainEventPatternMismatch } from './index';

const event = {
  source: 'aws.ec2',
  detail: {
    state: 'Running',
    count: '5',
    big: 6e9,
    flag: true,
    items: [
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 2 },
    ],
    obj: { x: 1 },
  },
};

describe('explainEventPatternMismatch', () => {
  it('reports a match with no reasons', () => {
    expect(explainEventPatternMismatch({ source: ['aws.ec2'] }, event)).toEqual({
      matched: true,
      reasons: [],
    });
  });

  it('names the field, the condition and the actual value', () => {
    const { matched, reasons } = explainEventPatternMismatch(
      { source: ['aws.ec2'], detail: { state: ['stopped', { prefix: 'term' }] } },
      event,
    );
    expect(matched).toBe(false);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatchObject({
      path: 'detail.state',
      condition: '["stopped", {"prefix":"term"}]',
      actual: 'Running',
    });
    expect(reasons[0]?.message).toBe(
      'detail.state is "Running", which does not match; expected it to equal "stopped", or start with "term"',
    );
  });

  it('reports every failing field, in pattern order', () => {
    const { reasons } = explainEventPatternMismatch(
      { detail: { missing: [{ exists: true }], state: ['x'] } },
      event,
    );
    expect(reasons.map((r) => r.path)).toEqual(['detail.missing', 'detail.state']);
    expect(reasons[0]?.actual).toBeUndefined();
    expect(reasons[0]?.message).toBe('detail.missing is missing; expected it to exist');
  });

  it('hints at the usual surprises', () => {
    const hint = (pattern: unknown): string =>
      explainEventPatternMismatch(pattern, event).reasons[0]?.message ?? '';
    expect(hint({ detail: { state: ['running'] } })).toContain('case-sensitive');
    expect(hint({ detail: { count: [{ numeric: ['>', 1] }] } })).toContain(
      'numbers sent as strings',
    );
    expect(hint({ detail: { big: [{ numeric: ['>', 1] }] } })).toContain('-5e9..5e9');
    expect(hint({ detail: { obj: ['x'] } })).toContain('only match leaf values');
    expect(hint({ detail: { flag: [{ exists: false }] } })).toBe(
      'detail.flag is true; expected it to be absent',
    );
  });

  it('lists all the values of an array', () => {
    const { reasons } = explainEventPatternMismatch({ detail: { items: { sku: ['c'] } } }, event);
    expect(reasons[0]).toMatchObject({ path: 'detail.items.sku', actual: ['a', 'b'] });
    expect(reasons[0]?.message).toContain('has ["a","b"], none of which matches');
  });

  it('explains fields that match in different elements of one array', () => {
    const { matched, reasons } = explainEventPatternMismatch(
      { detail: { items: { sku: ['a'], qty: [2] } } },
      event,
    );
    expect(matched).toBe(false);
    expect(reasons[0]?.path).toBe('detail.items.sku, detail.items.qty');
    expect(reasons[0]?.message).toContain('different elements of the same array');
  });

  it('labels $or branches', () => {
    const { reasons } = explainEventPatternMismatch(
      { $or: [{ source: ['a'] }, { detail: { state: ['b'] } }] },
      event,
    );
    expect(reasons.map((r) => r.message.split(':')[0])).toEqual([
      '$or branch 1 of 2',
      '$or branch 2 of 2',
    ]);
  });

  it('returns AWS’s message for an invalid pattern', () => {
    const { matched, reasons } = explainEventPatternMismatch({ source: 'aws.ec2' }, event);
    expect(matched).toBe(false);
    expect(reasons[0]?.message).toBe(
      'Event pattern is not valid. Reason: "source" must be an object or an array',
    );
  });
});

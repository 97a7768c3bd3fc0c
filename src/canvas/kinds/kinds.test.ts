import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NodeRole, ServiceKind } from '../../patterns';
import { kindView, kindViews, type Stats } from '.';

const KINDS: ServiceKind[] = [
  'user',
  'apiGateway',
  'lambda',
  'sqs',
  'sns',
  'eventBridge',
  'stepFunctions',
  'aurora',
  'ec2',
  'email',
  'store',
  'pipe',
  'opaque',
];

/** The badges of a node `n` of this kind, as HTML. */
function badges(kind: ServiceKind, stats: Stats, role?: NodeRole): string {
  const view = kindView(kind);
  return renderToStaticMarkup(
    createElement(view.Badges, { nodeId: 'n', stats, role, colour: view.colour }),
  );
}

/** The stat keys the badges show, from their test ids (`n-<key>`). */
function shown(html: string): string[] {
  return [...html.matchAll(/data-testid="n-([^"]+)"/g)].map((m) => m[1] as string);
}

const all = (...keys: string[]): Stats => Object.fromEntries(keys.map((k, i) => [k, i + 1]));

describe('the kind registry', () => {
  it('has one view per service kind, named, coloured and sized', () => {
    expect(kindViews.map((v) => v.kind).sort()).toEqual([...KINDS].sort());
    for (const kind of KINDS) {
      const view = kindView(kind);
      expect(view.kind).toBe(kind);
      expect(view.serviceName).not.toBe('');
      expect(view.colour).toMatch(/^#[0-9A-F]{6}$/i);
      expect(view.width).toBeGreaterThan(100);
    }
  });

  it('draws every kind’s badges before any numbers arrive, with an alarm of 0', () => {
    for (const kind of KINDS) {
      expect(() => badges(kind, {})).not.toThrow();
      expect(kindView(kind).alarm({})).toBe(0);
    }
    expect(kindView('sqs').alarm({}, 'deadLetterQueue')).toBe(0);
  });

  it('keeps the test ids the app’s tests read', () => {
    expect(shown(badges('user', {}))).toEqual(['sent', 'ok', 'errors', 'throttled', 'timedOut']);
    expect(shown(badges('apiGateway', {}))).toEqual([
      'tokens',
      'requests',
      'throttled',
      'timedOut',
    ]);
    expect(shown(badges('sqs', {}))).toEqual(['visible', 'inFlight', 'oldestAgeS']);
    expect(shown(badges('sqs', {}, 'deadLetterQueue'))).toEqual(['visible']);
    expect(shown(badges('aurora', {}))).toEqual(['active', 'queries', 'waiting', 'meanLatencyMs']);
    expect(shown(badges('lambda', {}))).toEqual([
      'concurrency',
      'invocations',
      'errors',
      'throttles',
    ]);
    expect(shown(badges('lambda', { outPerS: 3, capacityPerS: 10 }))).toContain('outPerS');
  });

  it('shows the stats the newer kinds report, and only those', () => {
    expect(
      shown(badges('ec2', all('instances', 'running', 'processed', 'errors', 'inFlight'))),
    ).toEqual(['instances', 'running', 'inFlight', 'processed', 'errors']);
    expect(
      shown(badges('sns', all('published', 'delivered', 'filtered', 'retried', 'lost'))),
    ).toEqual(['published', 'delivered', 'filtered', 'retried', 'lost']);
    expect(
      shown(badges('eventBridge', all('events', 'matched', 'delivered', 'throttled', 'lost'))),
    ).toEqual(['events', 'matched', 'delivered', 'lost', 'throttled']);
    expect(
      shown(badges('stepFunctions', all('started', 'running', 'succeeded', 'failed'))),
    ).toEqual(['started', 'running', 'succeeded', 'failed']);
    expect(shown(badges('email', all('delivered', 'refused')))).toEqual(['delivered', 'refused']);
    expect(shown(badges('sns', { published: 4, lost: 1 }))).toEqual(['published', 'lost']);
    expect(shown(badges('email', {}))).toEqual([]);
  });

  it('shows the delivery counts of topics and buses, and what a producer published', () => {
    expect(
      shown(
        badges(
          'sns',
          all('published', 'delivered', 'filtered', 'inRetry', 'retried', 'deadLettered', 'lost'),
        ),
      ),
    ).toEqual(['published', 'delivered', 'filtered', 'inRetry', 'retried', 'deadLettered', 'lost']);
    const bus = all(
      'events',
      'matched',
      'delivered',
      'unmatched',
      'inRetry',
      'deadLettered',
      'lost',
    );
    expect(shown(badges('eventBridge', { ...bus, throttled: 0 }))).toEqual([
      'events',
      'matched',
      'delivered',
      'unmatched',
      'inRetry',
      'deadLettered',
      'lost',
    ]);
    // PutEvents throttling shows only once it happens.
    expect(shown(badges('eventBridge', { ...bus, throttled: 3 }))).toContain('throttled');
    expect(shown(badges('ec2', { produced: 10, publishFailures: 0, outPerS: 2 }))).toEqual([
      'produced',
      'publishFailures',
      'outPerS',
    ]);
    expect(kindView('ec2').alarm({ produced: 10, publishFailures: 2 })).toBe(2);
  });

  it('gives every kind a tallest height the layout can keep clear', () => {
    for (const kind of KINDS) expect(kindView(kind).height).toBeGreaterThan(60);
  });

  it('shows a function’s queued asynchronous invocations only while there are some', () => {
    expect(shown(badges('lambda', { asyncQueued: 0 }))).not.toContain('asyncQueued');
    expect(shown(badges('lambda', { asyncQueued: 12 }))).toContain('asyncQueued');
  });

  it('keeps a function’s throughput short enough for its card', () => {
    expect(badges('lambda', { outPerS: 13.2, capacityPerS: 19.1 })).toContain('≈13 of 19/s');
    expect(badges('lambda', { outPerS: 4.56, capacityPerS: 8 })).toContain('≈4.6 of 8/s');
    expect(badges('lambda', { outPerS: 268, capacityPerS: 26_308 })).toContain('≈268 of 26.3k/s');
    // Before the capacity is known the meter is there already, so the card does not grow later.
    expect(shown(badges('lambda', { outPerS: 0 }))).toContain('outPerS');
  });

  it('reads a function’s limit from its own stats', () => {
    expect(badges('lambda', { concurrency: 3, concurrencyLimit: 5 })).toContain('3 / 5');
  });

  it('shows a queue’s refusals over its limit when it reports them', () => {
    expect(shown(badges('sqs', { overLimit: 3 }))).toContain('overLimit');
    expect(shown(badges('sqs', { overLimit: 0 }))).not.toContain('overLimit');
    expect(shown(badges('sqs', {}))).not.toContain('overLimit');
  });

  it('raises each kind’s alarm on what goes wrong there', () => {
    expect(kindView('lambda').alarm({ errors: 1, throttles: 2, timeouts: 3, coldStarts: 9 })).toBe(
      6,
    );
    expect(kindView('lambda').alarm({ asyncQueued: 40, asyncFailed: 2 })).toBe(2);
    expect(kindView('sqs').alarm({ visible: 50, movedToDlq: 2 })).toBe(2);
    expect(kindView('sqs').alarm({ visible: 50, movedToDlq: 2 }, 'deadLetterQueue')).toBe(50);
    expect(kindView('user').alarm({ sent: 9, errors: 1, throttled: 1, timedOut: 1 })).toBe(3);
    expect(kindView('sns').alarm({ delivered: 9, retried: 4, lost: 1 })).toBe(1);
    expect(kindView('eventBridge').alarm({ throttled: 2, lost: 1 })).toBe(3);
    expect(kindView('stepFunctions').alarm({ succeeded: 5, failed: 2 })).toBe(2);
    expect(kindView('ec2').alarm({ processed: 5, errors: 2 })).toBe(2);
    expect(kindView('email').alarm({ delivered: 5, refused: 1 })).toBe(1);
  });
});

describe("a compact card's headline", () => {
  it('says one number with what it counts, read from the same stats as the badges', () => {
    expect(kindView('sqs').headline({ visible: 42 })).toBe('42 waiting');
    expect(kindView('sqs').headline({ visible: 3 }, 'deadLetterQueue')).toBe('3 parked');
    expect(kindView('lambda').headline({ invocations: 12_345 })).toBe('12.3k runs');
    expect(kindView('apiGateway').headline({ requestsPerS: 4.5 })).toBe('4.5 req/s');
    // A gateway without a route table has no recent rate: its requests so far.
    expect(kindView('apiGateway').headline({ requests: 221 })).toBe('221 requests');
    expect(kindView('user').headline({})).toBe('0 sent');
    expect(kindView('opaque').headline({})).toBeNull();
    for (const kind of KINDS.filter((k) => k !== 'opaque'))
      expect(kindView(kind).headline({}), kind).toMatch(/^\S+ \S/);
  });
});

import { describe, expect, it } from 'vitest';
import { HopKind, type LedgerSummary } from '../engine';
import { kindModule, tellEvent, type EventFacts } from '../kit';
import { patterns } from './index';

const pattern = patterns.find((p) => p.id === 'message-decoupling-sqs')!;
const ledger = (over: Partial<LedgerSummary> = {}): LedgerSummary => ({
  created: 10,
  deliveries: 0,
  completed: 3,
  deadLettered: 0,
  dropped: {},
  fannedOut: 0,
  inSystem: 7,
  ...over,
});
const facts = (over: Partial<EventFacts>): EventFacts => ({
  definition: pattern,
  narrators: new Map(pattern.nodes.map((n) => [n.id, kindModule(n.kind).narrate])),
  before: {},
  after: {},
  departed: [],
  arrived: [],
  ledgerBefore: ledger(),
  ledgerAfter: ledger(),
  ageOf: () => 93,
  rootOf: (id) => id,
  ...over,
});
const hop = (msgId: number, edgeId: string, reverse = false, kind = HopKind.Normal) => ({
  msgId,
  edgeId,
  departMs: 0,
  arriveMs: 5,
  kind,
  reverse,
});

describe('tellEvent', () => {
  it('tells a message reaching the gateway with its bucket', () => {
    const story = tellEvent(
      facts({
        before: { api: { requests: 3, tokens: 5000, throttled: 0 } },
        after: { api: { requests: 4, tokens: 4999, throttled: 0 } },
        arrived: [hop(4, 'userToApi')],
      }),
    );
    expect(story).toEqual({
      text: 'Payment #4 reached API Gateway /payments; 4,999 tokens left',
      nodeId: 'api',
      edgeId: 'userToApi',
      msgId: 4,
    });
  });

  it('tells a message coming back after its visibility timeout, from the stats alone', () => {
    const story = tellEvent(
      facts({
        before: { salesQueue: { visible: 11, inFlight: 3, oldestAgeS: 30 } },
        after: { salesQueue: { visible: 12, inFlight: 2, oldestAgeS: 30.1 } },
      }),
    );
    expect(story?.text).toBe(
      'SQS "Sales" holds 12 visible messages and 2 in flight; 1 message became visible again after the visibility timeout',
    );
    expect(story?.nodeId).toBe('salesQueue');
  });

  it('says nothing for time passing (an age, a token dripping back)', () => {
    expect(
      tellEvent(
        facts({
          before: { salesQueue: { visible: 5, oldestAgeS: 3 }, api: { tokens: 4999 } },
          after: { salesQueue: { visible: 5, oldestAgeS: 3.5 }, api: { tokens: 5000 } },
        }),
      ),
    ).toBeNull();
  });

  it('adds what the ledger settled: an answer back at the user completes a payment', () => {
    const story = tellEvent(
      facts({
        before: { user: { ok: 2 } },
        after: { user: { ok: 3 } },
        arrived: [hop(4, 'userToApi', true, HopKind.Success)],
        ledgerAfter: ledger({ completed: 4 }),
      }),
    );
    expect(story?.text).toBe(
      'User got a success for payment #4 after 93 ms; 4 payments done so far',
    );
  });

  it('names a fan-out delivery by the message it came from, and a loss by its reason', () => {
    const story = tellEvent(
      facts({
        definition: pattern,
        arrived: [hop(57, 'customerToQueue')],
        before: { salesQueue: { visible: 0 } },
        after: { salesQueue: { visible: 1 } },
        rootOf: () => 4,
        ledgerAfter: ledger({ dropped: { expired: 1 } }),
      }),
    );
    expect(story?.text).toBe(
      'Payment #4 (delivery #57) joined SQS "Sales"; it holds 1; 1 payment lost (retention period ended)',
    );
  });
});

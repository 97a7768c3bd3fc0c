import { Counts, StatLine, statOf, sumOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function BusBadges(p: BadgesProps) {
  return (
    <>
      <Counts
        p={p}
        cells={[
          { k: 'events', label: 'events', title: 'Events put on the bus' },
          { k: 'matched', label: 'matched', title: 'Rule matches (one event may match several)' },
          { k: 'delivered', label: 'delivered', title: 'Deliveries to rule targets' },
        ]}
      />
      <Counts
        p={p}
        cells={[
          {
            k: 'unmatched',
            label: 'no rule',
            title: 'Events that matched no rule (accepted, delivered nowhere)',
          },
          {
            k: 'inRetry',
            label: 'retrying',
            title: 'Deliveries waiting for their next retry now',
          },
          {
            k: 'deadLettered',
            label: 'to DLQ',
            title: "Deliveries given up and kept in the target's dead-letter queue",
          },
          {
            k: 'lost',
            label: 'lost',
            alert: true,
            title: 'Deliveries given up after the retry policy (no dead-letter queue)',
          },
        ]}
      />
      {statOf(p.stats, 'throttled') > 0 ? (
        <StatLine
          p={p}
          k="throttled"
          label="PutEvents throttled"
          alert
          title="PutEvents calls refused over the bus quota (the publisher gets an error)"
        />
      ) : null}
    </>
  );
}

/** An EventBridge bus: events in, rule matches, deliveries to targets, and what was lost. */
export const eventBridgeView: KindView<'eventBridge'> = {
  kind: 'eventBridge',
  serviceName: 'Amazon EventBridge',
  colour: '#E7157B',
  glyph: (
    <>
      <path d="M4 12h16" />
      <circle cx="12" cy="12" r="2.5" />
      <path d="M7 7.5 9.5 10M17 7.5 14.5 10M7 16.5 9.5 14M17 16.5 14.5 14" />
    </>
  ),
  width: 200,
  height: 165,
  Badges: BusBadges,
  headline: (stats) => countPhrase(stats, 'events', 'events'),
  alarm: (stats) => sumOf(stats, 'throttled', 'lost'),
  statLabels: {
    matched: 'rule matches',
    unmatched: 'events no rule matched',
    lost: 'lost (retries exhausted)',
    inRetry: 'waiting for a retry',
    deadLettered: 'dead-lettered (target DLQ)',
    throttled: 'throttled (PutEvents over the quota)',
  },
};

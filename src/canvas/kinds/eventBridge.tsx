import { Counts, sumOf } from './parts';
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
            k: 'throttled',
            label: 'throttled',
            alert: true,
            title: 'Deliveries throttled by a target (retried later)',
          },
          {
            k: 'lost',
            label: 'lost',
            alert: true,
            title: 'Deliveries given up after the retry policy (no dead-letter queue)',
          },
        ]}
      />
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
  width: 176,
  Badges: BusBadges,
  alarm: (stats) => sumOf(stats, 'throttled', 'lost'),
  statLabels: { matched: 'rule matches', lost: 'lost (retries exhausted)' },
};

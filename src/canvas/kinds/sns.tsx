import { Counts, sumOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function TopicBadges(p: BadgesProps) {
  return (
    <>
      <Counts
        p={p}
        cells={[
          { k: 'published', label: 'published', title: 'Messages published to the topic' },
          { k: 'delivered', label: 'delivered', title: 'Deliveries to subscribers' },
          {
            k: 'filtered',
            label: 'filtered',
            title: 'Deliveries skipped: the subscription’s filter policy did not match',
          },
        ]}
      />
      <Counts
        p={p}
        cells={[
          {
            k: 'inRetry',
            label: 'retrying',
            title: 'Deliveries waiting for their next retry now',
          },
          { k: 'retried', label: 'retried', title: 'Delivery attempts retried' },
          {
            k: 'deadLettered',
            label: 'to DLQ',
            title: "Deliveries given up and kept in the subscription's dead-letter queue",
          },
          {
            k: 'lost',
            label: 'lost',
            alert: true,
            title: 'Deliveries given up after the retries (no dead-letter queue)',
          },
        ]}
      />
    </>
  );
}

/** An SNS topic: what was published and what each subscription got, skipped or lost. */
export const snsView: KindView<'sns'> = {
  kind: 'sns',
  serviceName: 'Amazon SNS',
  colour: '#E7157B',
  glyph: (
    <>
      <circle cx="7" cy="12" r="2.2" />
      <path d="M10.5 8.5 18 5M10.5 15.5 18 19M10.5 12H19" />
      <circle cx="19" cy="5" r="1" />
      <circle cx="19.5" cy="12" r="1" />
      <circle cx="19" cy="19" r="1" />
    </>
  ),
  width: 200,
  height: 147,
  Badges: TopicBadges,
  headline: (stats) => countPhrase(stats, 'published', 'published'),
  alarm: (stats) => sumOf(stats, 'lost'),
  statLabels: {
    filtered: 'filtered out (no match)',
    lost: 'lost (retries exhausted)',
    inRetry: 'waiting for a retry',
    deadLettered: 'dead-lettered (subscription DLQ)',
    matched: 'matched a subscription',
  },
};

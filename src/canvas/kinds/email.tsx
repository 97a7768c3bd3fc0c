import { Counts, sumOf } from './parts';
import type { BadgesProps, KindView } from './types';

function EmailBadges(p: BadgesProps) {
  return (
    <Counts
      p={p}
      cells={[
        { k: 'delivered', label: 'delivered', title: 'Emails delivered' },
        { k: 'retried', label: 'retried', title: 'Delivery attempts retried' },
        { k: 'lost', label: 'lost', alert: true, title: 'Emails given up after the retries' },
      ]}
    />
  );
}

/** An email endpoint: what arrived, what was retried, what was lost. */
export const emailView: KindView<'email'> = {
  kind: 'email',
  serviceName: 'Amazon SES',
  colour: '#DD344C',
  glyph: (
    <>
      <rect x="3.5" y="6" width="17" height="12" rx="1.5" />
      <path d="m4 7 8 6 8-6" />
    </>
  ),
  width: 176,
  Badges: EmailBadges,
  alarm: (stats) => sumOf(stats, 'lost'),
};

import { Counts, sumOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function EmailBadges(p: BadgesProps) {
  return (
    <Counts
      p={p}
      cells={[
        { k: 'delivered', label: 'delivered', title: 'Emails the mail server accepted' },
        {
          k: 'refused',
          label: 'refused',
          alert: true,
          title: 'Delivery attempts the mail server refused (the sender retries them)',
        },
      ]}
    />
  );
}

/**
 * An email endpoint: what it accepted and what it refused. Retries and losses belong to the
 * sender (the SNS subscription), and lost emails land in this node's graveyard.
 */
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
  height: 113,
  Badges: EmailBadges,
  headline: (stats) => countPhrase(stats, 'delivered', 'delivered'),
  alarm: (stats) => sumOf(stats, 'refused'),
};

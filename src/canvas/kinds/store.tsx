import { Counts, sumOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function StoreBadges(p: BadgesProps) {
  return (
    <Counts
      p={p}
      cells={[
        { k: 'writes', label: 'stored', title: 'Writes the table or bucket accepted' },
        {
          k: 'throttled',
          label: 'throttled',
          alert: true,
          title: 'Writes refused for lack of provisioned write capacity',
        },
      ]}
    />
  );
}

/** A DynamoDB table or S3 bucket: what was stored, what was throttled. */
export const storeView: KindView<'store'> = {
  kind: 'store',
  serviceName: 'Data store',
  colour: '#3B48CC',
  glyph: (
    <>
      <rect x="4" y="4" width="16" height="16" rx="2" />
      <path d="M4 10h16M4 15h16M10 4v16" />
    </>
  ),
  width: 176,
  height: 113,
  Badges: StoreBadges,
  headline: (stats) => countPhrase(stats, 'writes', 'writes'),
  alarm: (stats) => sumOf(stats, 'throttled', 'errors'),
};

import { Counts, sumOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function PipeBadges(p: BadgesProps) {
  return (
    <Counts
      p={p}
      cells={[
        { k: 'delivered', label: 'delivered', title: 'Records the pipe delivered to its target' },
        {
          k: 'filtered',
          label: 'filtered',
          title: "Records none of the pipe's filters matched (deleted or skipped, not lost)",
        },
        {
          k: 'targetFailed',
          label: 'failed',
          alert: true,
          title: 'Deliveries the enrichment or the target refused (the records stay in the source)',
        },
      ]}
    />
  );
}

/** An EventBridge pipe: what it delivered, what its filters dropped, what failed. */
export const pipeView: KindView<'pipe'> = {
  kind: 'pipe',
  serviceName: 'EventBridge Pipes',
  colour: '#E7157B',
  glyph: (
    <>
      <path d="M3 9h6v6H3zM15 9h6v6h-6z" />
      <path d="M9 12h6M11 10l2 2-2 2" />
    </>
  ),
  width: 176,
  height: 113,
  Badges: PipeBadges,
  headline: (stats) => countPhrase(stats, 'delivered', 'delivered'),
  alarm: (stats) => sumOf(stats, 'targetFailed', 'enrichmentFailed'),
};

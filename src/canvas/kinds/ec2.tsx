import { Counts, sumOf } from './parts';
import type { BadgesProps, KindView } from './types';

function ConsumerBadges(p: BadgesProps) {
  return (
    <>
      <Counts
        p={p}
        cells={[
          { k: 'instances', label: 'instances', title: 'Instances' },
          { k: 'running', label: 'running', title: 'Instances running' },
          { k: 'inFlight', label: 'in flight', title: 'Messages being processed' },
        ]}
      />
      <Counts
        p={p}
        cells={[
          { k: 'processed', label: 'processed', title: 'Messages processed' },
          { k: 'errors', label: 'errors', alert: true, title: 'Messages that failed' },
        ]}
      />
    </>
  );
}

/** EC2 instances running a consumer: how many, what they hold, what they did. */
export const ec2View: KindView<'ec2'> = {
  kind: 'ec2',
  serviceName: 'Amazon EC2',
  colour: '#ED7100',
  glyph: (
    <>
      <rect x="7" y="7" width="10" height="10" rx="1.5" />
      <path d="M10 4v3M14 4v3M10 17v3M14 17v3M4 10h3M4 14h3M17 10h3M17 14h3" />
    </>
  ),
  width: 176,
  Badges: ConsumerBadges,
  alarm: (stats) => sumOf(stats, 'errors'),
};

import { Stat, StatRow } from '../Meter';
import { Count, Counts, formatRateValue, statOf, sumOf, testIdOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

/** Instances that publish (a provider): what they produced, what the topic refused, the rate. */
function ProducerBadges(p: BadgesProps) {
  return (
    <StatRow columns={3}>
      <Count p={p} k="produced" label="sent" title="Messages published" />
      <Count
        p={p}
        k="publishFailures"
        label="failed"
        alert
        title="Publish calls that failed (throttled or refused)"
      />
      <Stat
        testId={testIdOf(p, 'outPerS')}
        label="per s"
        value={formatRateValue(statOf(p.stats, 'outPerS'))}
        title="Published per second (last ~10 s)"
      />
    </StatRow>
  );
}

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

/** A producer reports what it published; a consumer fleet what its instances hold and did. */
function Ec2Badges(p: BadgesProps) {
  return p.stats.produced !== undefined ? <ProducerBadges {...p} /> : <ConsumerBadges {...p} />;
}

/** EC2 instances running a service: a provider that publishes, or consumers polling a queue. */
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
  height: 145,
  Badges: Ec2Badges,
  headline: (stats) => countPhrase(stats, 'processed', 'processed'),
  alarm: (stats) => sumOf(stats, 'errors', 'publishFailures'),
  statLabels: {
    produced: 'published',
    publishFailures: 'publish calls that failed',
    running: 'instances running',
  },
};

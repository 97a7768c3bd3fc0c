import { formatCompact, formatMs } from '../format';
import { Meter, Stat, StatRow } from '../Meter';
import { Count, statOf, sumOf, testIdOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function DatabaseBadges(p: BadgesProps) {
  const active = statOf(p.stats, 'active');
  const max = statOf(p.stats, 'maxConnections');
  return (
    <>
      <Meter
        testId={testIdOf(p, 'active')}
        label="connections"
        value={active}
        max={max}
        text={`${formatCompact(active)} / ${formatCompact(max)}`}
        colour={p.colour}
        tone={max > 0 && active >= max ? 'warn' : 'normal'}
      />
      <StatRow columns={3}>
        <Count p={p} k="queries" label="queries" />
        <Count p={p} k="waiting" label="waiting" alert title="Queries waiting for a connection" />
        <Stat
          testId={testIdOf(p, 'meanLatencyMs')}
          label="mean"
          value={formatMs(statOf(p.stats, 'meanLatencyMs'))}
          title="Mean query latency"
        />
      </StatRow>
    </>
  );
}

/** An Aurora database: connections in use against the maximum, queries, waits and latency. */
export const auroraView: KindView<'aurora'> = {
  kind: 'aurora',
  serviceName: 'Amazon Aurora',
  colour: '#3B48CC',
  glyph: (
    <>
      <ellipse cx="12" cy="6" rx="7" ry="2.5" />
      <path d="M5 6v12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V6" />
      <path d="M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5" />
    </>
  ),
  width: 176,
  height: 143,
  Badges: DatabaseBadges,
  headline: (stats) => countPhrase(stats, 'queries', 'queries'),
  alarm: (stats) => sumOf(stats, 'errors'),
  statLabels: { active: 'connections in use', maxConnections: 'max connections' },
};

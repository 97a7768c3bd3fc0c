import { StatRow } from '../Meter';
import { Count, sumOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function UserBadges(p: BadgesProps) {
  return (
    <>
      <StatRow columns={2}>
        <Count p={p} k="sent" label="sent" title="Payments sent" />
        <Count p={p} k="ok" label="ok" title="Successful responses" />
      </StatRow>
      <StatRow columns={3}>
        <Count p={p} k="errors" label="5xx" alert title="Errors the user received" />
        <Count p={p} k="throttled" label="429" alert title="Throttled responses the user got" />
        <Count p={p} k="timedOut" label="504" alert title="Timed-out requests" />
      </StatRow>
    </>
  );
}

/** The client: what it sent and the answers it got. */
export const userView: KindView<'user'> = {
  kind: 'user',
  serviceName: 'Client',
  colour: '#7D8998',
  glyph: (
    <>
      <circle cx="12" cy="8.5" r="3.5" />
      <path d="M5 19.5c.8-3.6 3.6-5.5 7-5.5s6.2 1.9 7 5.5" />
    </>
  ),
  width: 156,
  height: 145,
  Badges: UserBadges,
  headline: (stats) => countPhrase(stats, 'sent', 'sent'),
  alarm: (stats) => sumOf(stats, 'errors', 'throttled', 'timedOut'),
  statLabels: {
    throttled: 'throttled (all 429s)',
    throttledByGateway: 'throttled by the gateway',
    timedOut: 'timed out (504)',
  },
  sublabelInGroupTitle: true,
};

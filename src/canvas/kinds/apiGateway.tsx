import { formatCompact } from '../format';
import { Meter, StatRow } from '../Meter';
import { Count, statOf, sumOf, testIdOf } from './parts';
import type { BadgesProps, KindView } from './types';

function GatewayBadges(p: BadgesProps) {
  const tokens = statOf(p.stats, 'tokens');
  const burst = statOf(p.stats, 'burst');
  return (
    <>
      <Meter
        testId={testIdOf(p, 'tokens')}
        label="tokens"
        value={tokens}
        max={burst}
        text={`${formatCompact(Math.floor(tokens))} / ${formatCompact(burst)}`}
        colour={p.colour}
        tone={burst > 0 && tokens < burst * 0.1 ? 'bad' : 'normal'}
      />
      <StatRow columns={3}>
        <Count p={p} k="requests" label="req" title="Requests" />
        <Count p={p} k="throttled" label="429" alert title="Throttled by the gateway" />
        <Count p={p} k="timedOut" label="504" alert title="Integration timeouts" />
      </StatRow>
    </>
  );
}

/** API Gateway: its token bucket (rate limit and burst), requests, throttles and timeouts. */
export const apiGatewayView: KindView<'apiGateway'> = {
  kind: 'apiGateway',
  serviceName: 'Amazon API Gateway',
  colour: '#8C4FFF',
  glyph: (
    <>
      <path d="M8.5 5.5 4 12l4.5 6.5" />
      <path d="M15.5 5.5 20 12l-4.5 6.5" />
      <path d="M9.5 12h5" />
      <path d="m12.5 10 2 2-2 2" />
    </>
  ),
  width: 192,
  height: 143,
  Badges: GatewayBadges,
  alarm: (stats) => sumOf(stats, 'errors', 'throttled', 'timedOut'),
  statLabels: { throttled: 'throttled (429)', timedOut: 'integration timeouts (504)' },
};

import './routeTable.css';
import { useMemo } from 'react';
import { useSim } from '../../state';
import { formatCompact } from '../format';
import { Meter, StatRow } from '../Meter';
import { Count, countPhrase, formatRateValue, StatLine, statOf, sumOf, testIdOf } from './parts';
import type { BadgesProps, KindView } from './types';

/** A count for a narrow cell: "950", "5k", "12k", "1.2M". */
function tiny(n: number): string {
  if (n < 1000) return formatCompact(n);
  if (n < 1e6) return `${Math.floor(n / 1000)}k`;
  return `${Math.floor(n / 1e5) / 10}M`;
}

const NO_STATS: Readonly<Record<string, Record<string, number>>> = {};

/**
 * Each route of the gateway (an outgoing edge with a method and path): requests per second,
 * 429s, other 4xx, 5xx and the tokens left in its own bucket (method throttling).
 */
function RouteTable({ nodeId }: { nodeId: string }) {
  const edges = useSim((s) => s.pattern.edges);
  const stats = useSim((s) => s.live.edgeStats) ?? NO_STATS;
  const routes = useMemo(
    () => edges.filter((e) => e.source === nodeId && e.route !== undefined),
    [edges, nodeId],
  );
  if (routes.length === 0) return null;
  return (
    <table className="route-table" aria-label="Routes">
      <thead>
        <tr>
          <th scope="col">route</th>
          <th scope="col" title="Requests per second (last 10 s)">
            r/s
          </th>
          <th
            scope="col"
            title="429 answers on this route: refused here, or passed back from behind"
          >
            429
          </th>
          <th scope="col" title="Other 4xx answers on this route (403, 404...)">
            4xx
          </th>
          <th scope="col" title="5xx answers on this route (500, 502, 504)">
            5xx
          </th>
          <th scope="col" title="Tokens left in the route's own bucket (method throttling)">
            tok
          </th>
        </tr>
      </thead>
      <tbody>
        {routes.map((e) => {
          const r = stats[e.id] ?? {};
          const cell = (k: string) => r[k] ?? 0;
          const id = `${nodeId}-route-${e.route?.path ?? e.id}`;
          return (
            <tr key={e.id} data-testid={id}>
              <th scope="row" title={`${e.route?.method ?? ''} ${e.route?.path ?? ''}`}>
                {e.route?.path}
              </th>
              <td data-testid={`${id}-rps`}>{formatRateValue(cell('requestsPerS'))}</td>
              <td data-testid={`${id}-429`} data-alert={cell('throttled') > 0}>
                {tiny(cell('throttled'))}
              </td>
              <td data-testid={`${id}-4xx`} data-alert={cell('clientErrors') > 0}>
                {tiny(cell('clientErrors'))}
              </td>
              <td data-testid={`${id}-5xx`} data-alert={cell('http5xx') > 0}>
                {tiny(cell('http5xx'))}
              </td>
              <td data-testid={`${id}-tokens`}>{r.tokens === undefined ? '–' : tiny(r.tokens)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function GatewayBadges(p: BadgesProps) {
  const tokens = statOf(p.stats, 'tokens');
  const burst = statOf(p.stats, 'burst');
  // A gateway with a route table reports per-route numbers: show them, and 4xx/5xx totals.
  const routed = p.stats.requestsPerS !== undefined;
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
      {routed ? (
        <>
          <StatRow columns={4}>
            <Count p={p} k="requestsPerS" label="req/s" title="Requests per second (last 10 s)" />
            <Count
              p={p}
              k="throttled"
              label="429"
              alert
              title="Refused here with 429: stage, route or API key throttle, quota"
            />
            <Count p={p} k="clientErrors" label="4xx" alert title="Other 4xx answers (403, 404)" />
            <Count p={p} k="serverErrors" label="5xx" alert title="500, 502 and 504 answers" />
          </StatRow>
          {p.stats.keyTokens !== undefined ? (
            <StatLine
              p={p}
              k="keyTokens"
              label="API key tokens (least)"
              title="Usage plan: the fewest tokens any API key has left"
            />
          ) : null}
          <RouteTable nodeId={p.nodeId} />
        </>
      ) : (
        <StatRow columns={3}>
          <Count p={p} k="requests" label="req" title="Requests" />
          <Count p={p} k="throttled" label="429" alert title="Throttled by the gateway" />
          <Count p={p} k="timedOut" label="504" alert title="Integration timeouts" />
        </StatRow>
      )}
    </>
  );
}

/**
 * API Gateway: its token bucket (rate limit and burst), requests, throttles and timeouts; a
 * gateway with a route table also its requests per second, 4xx and 5xx, and each route's own.
 */
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
  // With a route table of three routes and the usage plan's line.
  height: 236,
  Badges: GatewayBadges,
  // A gateway with a route table reports its recent rate; one without, its requests so far.
  headline: (stats) =>
    stats.requestsPerS === undefined
      ? countPhrase(stats, 'requests', 'requests')
      : `${formatRateValue(statOf(stats, 'requestsPerS'))} req/s`,
  alarm: (stats) => sumOf(stats, 'errors', 'throttled', 'timedOut', 'clientErrors'),
  statLabels: {
    throttled: 'throttled (429: stage, route, API key)',
    timedOut: 'integration timeouts (504)',
    requestsPerS: 'requests per second (last ~10 s)',
    stageThrottled: '429 by the stage throttle',
    methodThrottled: '429 by a route’s own throttle',
    keyThrottled: '429 "Too Many Requests" by an API key’s throttle',
    quotaExceeded: '429 "Limit Exceeded" (API key quota)',
    forbidden: '403 without a valid API key',
    clientErrors: '4xx other than 429',
    serverErrors: '5xx (500, 502, 504)',
    keyTokens: 'tokens of the emptiest API key',
  },
};

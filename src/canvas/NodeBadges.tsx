import type { ServiceKind } from '../patterns';
import { formatAge, formatCompact, formatMs, formatRate } from '../ui/format';

/** A rate's number without its unit: "19", "4.5". */
function formatRateValue(perS: number): string {
  return formatRate(perS).replace('/s', '');
}
import { Meter, Stat, StatRow } from './Meter';
import { CATEGORY_COLOUR } from './serviceStyle';

type Stats = Record<string, number>;

/** Reads a stat, 0 when the model did not report it (yet). */
function v(stats: Stats, key: string): number {
  const x = stats[key];
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}

/** Queue depth on a log scale, so 10 and 10,000 messages both read on a small bar. */
function depthFraction(n: number): number {
  return Math.min(1, Math.log10(1 + n) / 5);
}

interface BadgeProps {
  stats: Stats;
  /** Test ids name the number a reader looks at: `<node id>-<stat key>`. */
  tid: (key: string) => string;
  colour: string;
}

/** A counter cell; `alert` turns it red once it is above zero. */
function Count({
  p,
  k,
  label,
  alert = false,
  title,
}: {
  p: BadgeProps;
  k: string;
  label: string;
  alert?: boolean;
  title?: string;
}) {
  const n = v(p.stats, k);
  return (
    <Stat
      testId={p.tid(k)}
      label={label}
      value={formatCompact(n)}
      alert={alert && n > 0}
      title={title}
    />
  );
}

function UserBadges(p: BadgeProps) {
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

function GatewayBadges(p: BadgeProps) {
  const tokens = v(p.stats, 'tokens');
  const burst = v(p.stats, 'burst');
  return (
    <>
      <Meter
        testId={p.tid('tokens')}
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

function FunctionBadges(p: BadgeProps & { limit?: number }) {
  const c = v(p.stats, 'concurrency');
  const max = p.limit ?? v(p.stats, 'concurrencyLimit');
  const out = p.stats.outPerS;
  const capacity = p.stats.capacityPerS;
  return (
    <>
      <Meter
        testId={p.tid('concurrency')}
        label="concurrency"
        value={c}
        max={max}
        text={`${formatCompact(c)} / ${formatCompact(max)}`}
        colour={p.colour}
        tone={max > 0 && c >= max ? 'warn' : 'normal'}
      />
      {out !== undefined && capacity !== undefined ? (
        <Meter
          testId={p.tid('outPerS')}
          label="throughput"
          value={out}
          max={capacity}
          text={`≈${formatRateValue(out)} of ${formatRate(capacity)}`}
          colour="var(--good)"
          tone={capacity > 0 && out >= capacity * 0.95 ? 'warn' : 'normal'}
          title={`Recorded about ${formatRate(out)} (last ~10 s); can process about ${formatRate(capacity)} with these settings`}
        />
      ) : null}
      <StatRow columns={4}>
        <Count p={p} k="invocations" label="runs" title="Invocations" />
        <Count p={p} k="errors" label="err" alert title="Failed invocations" />
        <Count p={p} k="throttles" label="thr" alert title="Throttled invocations" />
        <Count p={p} k="coldStarts" label="cold" title="Cold starts" />
      </StatRow>
    </>
  );
}

function DlqBadge(p: BadgeProps) {
  const visible = v(p.stats, 'visible');
  return (
    <div className="dlq-count" data-alert={visible > 0 ? 'true' : undefined}>
      <span className="text-2xl font-semibold tabular-nums" data-testid={p.tid('visible')}>
        {formatCompact(visible)}
      </span>
      <span className="badge-label">{visible === 1 ? 'message parked' : 'messages parked'}</span>
    </div>
  );
}

function QueueBadges(p: BadgeProps) {
  const visible = v(p.stats, 'visible');
  const oldest = v(p.stats, 'oldestAgeS');
  return (
    <>
      <Meter
        testId={p.tid('visible')}
        label="visible"
        value={depthFraction(visible)}
        max={1}
        text={formatCompact(visible)}
        colour={p.colour}
        tone={visible >= 1000 ? 'bad' : visible >= 100 ? 'warn' : 'normal'}
      />
      <StatRow columns={2}>
        <Count p={p} k="inFlight" label="in flight" title="Received, not yet deleted" />
        <Stat
          testId={p.tid('oldestAgeS')}
          label="oldest"
          value={formatAge(oldest)}
          alert={oldest >= 60}
          title="Age of the oldest message"
        />
      </StatRow>
    </>
  );
}

function DatabaseBadges(p: BadgeProps) {
  const active = v(p.stats, 'active');
  const max = v(p.stats, 'maxConnections');
  return (
    <>
      <Meter
        testId={p.tid('active')}
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
          testId={p.tid('meanLatencyMs')}
          label="mean"
          value={formatMs(v(p.stats, 'meanLatencyMs'))}
          title="Mean query latency"
        />
      </StatRow>
    </>
  );
}

/** Badge layout for one node, by service kind; unknown kinds list their first numbers. */
export function NodeBadges({
  nodeId,
  kind,
  stats,
  role,
  limit,
}: {
  nodeId: string;
  kind: ServiceKind;
  stats: Stats;
  role?: 'dlq';
  limit?: number;
}) {
  const p: BadgeProps = { stats, tid: (key) => `${nodeId}-${key}`, colour: CATEGORY_COLOUR[kind] };
  return <div className="badges">{badgesFor(kind, role, p, limit)}</div>;
}

function badgesFor(kind: ServiceKind, role: 'dlq' | undefined, p: BadgeProps, limit?: number) {
  switch (kind) {
    case 'user':
      return <UserBadges {...p} />;
    case 'apiGateway':
      return <GatewayBadges {...p} />;
    case 'lambda':
    case 'ec2':
      return <FunctionBadges {...p} limit={limit} />;
    case 'sqs':
      return role === 'dlq' ? <DlqBadge {...p} /> : <QueueBadges {...p} />;
    case 'aurora':
      return <DatabaseBadges {...p} />;
    default: {
      const keys = Object.keys(p.stats).slice(0, 4);
      return (
        <StatRow columns={Math.max(1, keys.length)}>
          {keys.map((key) => (
            <Count key={key} p={p} k={key} label={key} />
          ))}
        </StatRow>
      );
    }
  }
}

/** The sum of a node's error-like counters: when it grows the card flashes red. */
export function errorTotal(stats: Stats | undefined): number {
  if (!stats) return 0;
  return (
    v(stats, 'errors') +
    v(stats, 'throttles') +
    v(stats, 'throttled') +
    v(stats, 'timedOut') +
    v(stats, 'movedToDlq')
  );
}

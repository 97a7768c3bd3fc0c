import type { ServiceKind } from '../patterns';
import { formatCount, formatMs, formatSeconds } from '../ui/format';
import { Meter, Stat } from './Meter';
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

/** Badge layout for one node, by service kind; unknown kinds list their numbers. */
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
  const colour = CATEGORY_COLOUR[kind];
  // Test ids name the number a reader looks at: `<node id>-<stat key>`.
  const tid = (key: string) => `${nodeId}-${key}`;
  switch (kind) {
    case 'user':
      return (
        <div className="badges">
          <div className="stat-row">
            <Stat testId={tid('sent')} label="sent" value={formatCount(v(stats, 'sent'))} />
            <Stat testId={tid('ok')} label="ok" value={formatCount(v(stats, 'ok'))} />
          </div>
          <div className="stat-row">
            <Stat
              testId={tid('errors')}
              label="5xx"
              value={formatCount(v(stats, 'errors'))}
              alert={v(stats, 'errors') > 0}
              title="Errors the user received"
            />
            <Stat
              testId={tid('throttled')}
              label="429"
              value={formatCount(v(stats, 'throttled'))}
              alert={v(stats, 'throttled') > 0}
              title="Throttled requests"
            />
            <Stat
              testId={tid('timedOut')}
              label="504"
              value={formatCount(v(stats, 'timedOut'))}
              alert={v(stats, 'timedOut') > 0}
              title="Timed out requests"
            />
          </div>
        </div>
      );
    case 'apiGateway': {
      const tokens = v(stats, 'tokens');
      const burst = v(stats, 'burst');
      return (
        <div className="badges">
          <Meter
            testId={tid('tokens')}
            label="tokens"
            value={tokens}
            max={burst}
            text={`${formatCount(Math.floor(tokens))} / ${formatCount(burst)}`}
            colour={colour}
            tone={burst > 0 && tokens < burst * 0.1 ? 'bad' : 'normal'}
          />
          <div className="stat-row">
            <Stat testId={tid('requests')} label="req" value={formatCount(v(stats, 'requests'))} />
            <Stat
              testId={tid('throttled')}
              label="429"
              value={formatCount(v(stats, 'throttled'))}
              alert={v(stats, 'throttled') > 0}
            />
            <Stat
              testId={tid('timedOut')}
              label="504"
              value={formatCount(v(stats, 'timedOut'))}
              alert={v(stats, 'timedOut') > 0}
            />
          </div>
        </div>
      );
    }
    case 'lambda':
    case 'ec2': {
      const c = v(stats, 'concurrency');
      const max = limit ?? v(stats, 'concurrencyLimit');
      return (
        <div className="badges">
          <Meter
            testId={tid('concurrency')}
            label="concurrency"
            value={c}
            max={max}
            text={`${formatCount(c)} / ${formatCount(max)}`}
            colour={colour}
            tone={max > 0 && c >= max ? 'warn' : 'normal'}
          />
          <div className="stat-row">
            <Stat
              testId={tid('invocations')}
              label="runs"
              value={formatCount(v(stats, 'invocations'))}
              title="Invocations"
            />
            <Stat
              testId={tid('errors')}
              label="err"
              value={formatCount(v(stats, 'errors'))}
              alert={v(stats, 'errors') > 0}
              title="Failed invocations"
            />
            <Stat
              testId={tid('throttles')}
              label="thr"
              value={formatCount(v(stats, 'throttles'))}
              alert={v(stats, 'throttles') > 0}
              title="Throttled invocations"
            />
            <Stat
              testId={tid('coldStarts')}
              label="cold"
              value={formatCount(v(stats, 'coldStarts'))}
              title="Cold starts"
            />
          </div>
        </div>
      );
    }
    case 'sqs': {
      const visible = v(stats, 'visible');
      if (role === 'dlq') {
        return (
          <div className="badges">
            <div
              className="dlq-count"
              data-alert={visible > 0 ? 'true' : undefined}
              data-testid={tid('visible')}
            >
              <span className="text-2xl font-semibold tabular-nums">{formatCount(visible)}</span>
              <span className="badge-label">
                {visible === 1 ? 'message parked' : 'messages parked'}
              </span>
            </div>
          </div>
        );
      }
      return (
        <div className="badges">
          <Meter
            testId={tid('visible')}
            label="visible"
            value={depthFraction(visible)}
            max={1}
            text={formatCount(visible)}
            colour={colour}
            tone={visible >= 1000 ? 'bad' : visible >= 100 ? 'warn' : 'normal'}
          />
          <div className="stat-row">
            <Stat
              testId={tid('inFlight')}
              label="in flight"
              value={formatCount(v(stats, 'inFlight'))}
            />
            <Stat
              testId={tid('oldestAgeS')}
              label="oldest"
              value={formatSeconds(v(stats, 'oldestAgeS'))}
              alert={v(stats, 'oldestAgeS') >= 60}
            />
          </div>
        </div>
      );
    }
    case 'aurora': {
      const active = v(stats, 'active');
      const max = v(stats, 'maxConnections');
      return (
        <div className="badges">
          <Meter
            testId={tid('active')}
            label="connections"
            value={active}
            max={max}
            text={`${formatCount(active)} / ${formatCount(max)}`}
            colour={colour}
            tone={max > 0 && active >= max ? 'warn' : 'normal'}
          />
          <div className="stat-row">
            <Stat
              testId={tid('queries')}
              label="queries"
              value={formatCount(v(stats, 'queries'))}
            />
            <Stat
              testId={tid('waiting')}
              label="wait"
              value={formatCount(v(stats, 'waiting'))}
              alert={v(stats, 'waiting') > 0}
            />
            <Stat
              testId={tid('meanLatencyMs')}
              label="≈"
              value={formatMs(v(stats, 'meanLatencyMs'))}
              title="Mean query latency"
            />
          </div>
        </div>
      );
    }
    default:
      return (
        <div className="badges">
          <div className="stat-row">
            {Object.entries(stats)
              .slice(0, 4)
              .map(([key, value]) => (
                <Stat key={key} label={key} value={formatCount(value)} />
              ))}
          </div>
        </div>
      );
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

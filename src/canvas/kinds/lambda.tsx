import { formatCompact, formatRate } from '../format';
import { Meter, StatRow } from '../Meter';
import { Count, StatLine, formatRateValue, statOf, sumOf, testIdOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function FunctionBadges(p: BadgesProps) {
  const c = statOf(p.stats, 'concurrency');
  // The effective limit: the model already folds in reserved concurrency and an event source
  // mapping's MaximumConcurrency.
  const max = statOf(p.stats, 'concurrencyLimit');
  const provisioned = statOf(p.stats, 'provisionedConcurrency');
  const out = p.stats.outPerS;
  const capacity = p.stats.capacityPerS;
  return (
    <>
      <Meter
        testId={testIdOf(p, 'concurrency')}
        label="concurrency"
        value={c}
        max={max}
        text={`${formatCompact(c)} / ${formatCompact(max)}`}
        colour={p.colour}
        tone={max > 0 && c >= max ? 'warn' : 'normal'}
        title={
          provisioned > 0
            ? `${formatCompact(provisioned)} provisioned (initialised in advance: no cold starts)`
            : undefined
        }
      />
      {out !== undefined ? (
        // Shown whenever the model measures throughput, so the card keeps its size while the
        // capacity estimate comes and goes (it needs something handled recently).
        <Meter
          testId={testIdOf(p, 'outPerS')}
          label="rate"
          value={out}
          max={capacity ?? 0}
          text={
            capacity === undefined
              ? `≈${formatRateValue(out)}/s`
              : `≈${formatRateValue(out)} of ${formatRateValue(capacity)}/s`
          }
          colour="var(--good)"
          tone={
            capacity !== undefined && capacity > 0 && out >= capacity * 0.95 ? 'warn' : 'normal'
          }
          title={
            capacity === undefined
              ? `Recorded about ${formatRate(out)} (last ~10 s); capacity is estimated once it has handled something`
              : `Recorded about ${formatRate(out)} (last ~10 s); can process about ${formatRate(capacity)} with these settings`
          }
        />
      ) : null}
      {statOf(p.stats, 'asyncQueued') > 0 ? (
        <StatLine
          p={p}
          k="asyncQueued"
          label="queued (async)"
          title="Asynchronous invocations waiting in Lambda's internal queue"
        />
      ) : null}
      {/* Three cells fit a card at 11 px and more; cold starts are in the details panel. */}
      <StatRow columns={3}>
        <Count p={p} k="invocations" label="runs" title="Invocations" />
        <Count p={p} k="errors" label="err" alert title="Failed invocations" />
        <Count p={p} k="throttles" label="thr" alert title="Throttled invocations" />
      </StatRow>
    </>
  );
}

/** A Lambda function: concurrency against its limit, throughput, invocations and their failures. */
export const lambdaView: KindView<'lambda'> = {
  kind: 'lambda',
  serviceName: 'AWS Lambda',
  colour: '#ED7100',
  glyph: <path d="M6.5 19.5 11 11 8 4.5H6M11 11l4 8.5h3" />,
  width: 176,
  height: 200,
  Badges: FunctionBadges,
  pile: (stats) =>
    statOf(stats, 'asyncQueued') > 0
      ? { n: statOf(stats, 'asyncQueued'), tone: 'waiting', label: 'invocations queued (async)' }
      : null,
  // Events dropped after the asynchronous retries are failures too (asyncFailed).
  headline: (stats) => countPhrase(stats, 'invocations', 'runs'),
  alarm: (stats) => sumOf(stats, 'errors', 'throttles', 'timeouts', 'asyncFailed'),
  statLabels: {
    concurrencyLimit: 'concurrency limit (effective)',
    asyncQueued: 'queued asynchronous invocations',
    asyncFailed: 'asynchronous events dropped',
    provisionedBusy: 'provisioned concurrency in use',
  },
};

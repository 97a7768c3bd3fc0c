import { formatAge, formatCompact } from '../format';
import { Stat, StatRow } from '../Meter';
import { Count, statOf, sumOf, testIdOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function QueueBadges(p: BadgesProps) {
  const visible = statOf(p.stats, 'visible');
  const oldest = statOf(p.stats, 'oldestAgeS');
  // Refused receives are rare (120,000 in flight): the cell appears only once there are some.
  const overLimit = statOf(p.stats, 'overLimit') > 0;
  return (
    <>
      <div
        className="meter-head"
        data-tone={visible >= 1000 ? 'bad' : visible >= 100 ? 'warn' : 'normal'}
        title="Messages waiting to be received (the pile below: filled)"
      >
        <span className="badge-label">waiting</span>
        <span className="badge-value" data-testid={testIdOf(p, 'visible')}>
          {formatCompact(visible)}
        </span>
      </div>
      <StatRow columns={overLimit ? 3 : 2}>
        <Count
          p={p}
          k="inFlight"
          label="in flight"
          title="Received, not yet deleted (the pile's hollow marks)"
        />
        <Stat
          testId={testIdOf(p, 'oldestAgeS')}
          label="oldest"
          value={formatAge(oldest)}
          alert={oldest >= 60}
          title="Age of the oldest message"
        />
        {overLimit ? (
          <Count
            p={p}
            k="overLimit"
            label="refused"
            alert
            title="Receives refused: the queue had its maximum of messages in flight (OverLimit)"
          />
        ) : null}
      </StatRow>
    </>
  );
}

/** A dead-letter queue: one big number, the messages parked there. */
function DlqBadge(p: BadgesProps) {
  const visible = statOf(p.stats, 'visible');
  return (
    <div className="dlq-count" data-alert={visible > 0 ? 'true' : undefined}>
      <span className="text-2xl font-semibold tabular-nums" data-testid={testIdOf(p, 'visible')}>
        {formatCompact(visible)}
      </span>
      <span className="badge-label">{visible === 1 ? 'message parked' : 'messages parked'}</span>
    </div>
  );
}

function SqsBadges(p: BadgesProps) {
  return p.role === 'deadLetterQueue' ? <DlqBadge {...p} /> : <QueueBadges {...p} />;
}

/** An SQS queue: its depth, messages in flight and the oldest's age; a DLQ shows what it holds. */
export const sqsView: KindView<'sqs'> = {
  kind: 'sqs',
  serviceName: 'Amazon SQS',
  colour: '#E7157B',
  glyph: (
    <>
      <rect x="3.5" y="8" width="4" height="8" rx="1" />
      <rect x="10" y="8" width="4" height="8" rx="1" />
      <rect x="16.5" y="8" width="4" height="8" rx="1" />
      <path d="M3 19.5h18" />
    </>
  ),
  width: 176,
  height: 178,
  Badges: SqsBadges,
  pile: (stats, role) =>
    role === 'deadLetterQueue'
      ? { n: statOf(stats, 'visible'), tone: 'parked', label: 'messages parked' }
      : {
          n: statOf(stats, 'visible'),
          hollow: statOf(stats, 'inFlight'),
          tone: 'waiting',
          label: 'messages waiting, then in flight (hollow)',
        },
  headline: (stats, role) =>
    countPhrase(stats, 'visible', role === 'deadLetterQueue' ? 'parked' : 'waiting'),
  alarm: (stats, role) =>
    role === 'deadLetterQueue'
      ? statOf(stats, 'visible')
      : sumOf(stats, 'movedToDlq', 'overLimit', 'expired'),
  statLabels: {
    movedToDlq: 'moved to the DLQ',
    expired: 'expired (retention period)',
    overLimit: 'refused: over the in-flight limit',
  },
};

import type { Ref } from 'react';
import { DOT_COLOURS, DOT_LEGEND, RESPONSE_COLOURS, useReducedMotion } from '../canvas';
import { hasRuleEdges } from '../canvas/ruleEdges';
import { useSim } from '../state';
import { formatCount } from '../canvas/format';

/**
 * The dot legend with the sampling note, and the message ledger. They float along the bottom of a
 * wide canvas (side by side, or stacked when they do not fit) and sit below a narrow one.
 */
export function CanvasOverlay({
  dark,
  ledger = true,
  placement = 'float',
  ref,
}: {
  dark: boolean;
  ledger?: boolean;
  placement?: 'float' | 'below';
  ref?: Ref<HTMLDivElement>;
}) {
  const sampleN = useSim((s) => s.live.sampleN);
  const rules = useSim((s) => hasRuleEdges(s.pattern));
  const reduced = useReducedMotion();
  const colours = dark ? DOT_COLOURS.dark : DOT_COLOURS.light;
  const hasResponses = useSim((s) => s.pattern.edges.some((e) => e.kind === 'sync'));
  const responseColour = (dark ? RESPONSE_COLOURS.dark : RESPONSE_COLOURS.light)[1];
  return (
    <div className="canvas-overlays" data-placement={placement} ref={ref}>
      <div className="overlay-card" role="group" aria-label="Legend">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {DOT_LEGEND.slice(0, rules ? 5 : 4).map((label, i) => (
            <span key={label} className="inline-flex items-center gap-1.5">
              <span className="legend-dot" style={{ background: colours[i] }} />
              {label}
            </span>
          ))}
          {hasResponses ? (
            <span className="inline-flex items-center gap-1.5">
              <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
                <path d="M1 5 9 1v8z" fill={responseColour} />
              </svg>
              response (back to the caller)
            </span>
          ) : null}
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-muted">
          <EdgeKey dash="" label="sync call" />
          <EdgeKey dash="7 5" label="async send" />
          <EdgeKey dash="2 5" label="poll" />
          {rules ? (
            <span className="edge-key-counts" title="The counts under each subscription or rule">
              <span data-tone="good">✓ delivered</span> <span>⊘ filtered</span>{' '}
              <span data-tone="bad">✕ lost</span> <span data-tone="warn">↻ retrying</span>
            </span>
          ) : null}
          <span className="sample-note" data-testid="sample-note">
            {reduced
              ? 'Reduced motion: message counts per edge'
              : sampleN > 1
                ? `1 dot = 1 msg; on busy edges (marked 1:N) up to ${formatCount(sampleN)}`
                : '1 dot = 1 msg'}
          </span>
        </div>
      </div>
      {ledger ? <LedgerCard /> : null}
    </div>
  );
}

function EdgeKey({ dash, label }: { dash: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <svg width="22" height="6" aria-hidden="true">
        <line
          x1="1"
          y1="3"
          x2="21"
          y2="3"
          stroke="var(--edge-stroke)"
          strokeWidth="1.75"
          strokeDasharray={dash}
          strokeLinecap="round"
        />
      </svg>
      {label}
    </span>
  );
}

/**
 * Where every message is: created (+ deliveries made by fan-out) = completed + dead-lettered +
 * lost + filtered out + fanned out + in the system. Lost is red; filtered out is grey, because a
 * filter doing its job loses nothing.
 */
function LedgerCard() {
  const ledger = useSim((s) => s.live.ledger);
  const rules = useSim((s) => hasRuleEdges(s.pattern));
  const lostBy = Object.entries(ledger.dropped).filter(
    ([reason, n]) => reason !== 'filteredOut' && (n ?? 0) > 0,
  );
  const lost = lostBy.reduce((sum, [, n]) => sum + (n ?? 0), 0);
  const filtered = ledger.dropped.filteredOut ?? 0;
  const cells: [string, number, string, string][] = [
    ['created', ledger.created, '', 'Messages that entered the system (requests, publishes)'],
    ...(ledger.fannedOut > 0 || rules
      ? [
          [
            'deliveries',
            ledger.deliveries,
            '',
            'Copies made by fan-out: one per subscription or rule target a message went to',
          ] as [string, number, string, string],
        ]
      : []),
    ['completed', ledger.completed, 'good', 'Delivered and handled'],
    [
      'in system',
      ledger.inSystem,
      '',
      'Still on their way: queued, in flight, waiting for a retry',
    ],
    [
      'dead-lettered',
      ledger.deadLettered,
      ledger.deadLettered > 0 ? 'warn' : '',
      'Kept in a dead-letter queue',
    ],
    ['lost', lost, lost > 0 ? 'bad' : '', 'Gone for good: nobody will handle them'],
    ...(filtered > 0 || rules
      ? [
          [
            'filtered out',
            filtered,
            'muted',
            'Not for that subscriber: its filter or rule did not match. Not a loss.',
          ] as [string, number, string, string],
        ]
      : []),
  ];
  return (
    <div
      className="overlay-card"
      role="group"
      aria-label="Message ledger"
      data-testid="ledger"
      title={
        lostBy.length > 0 ? `lost: ${lostBy.map(([r, n]) => `${r} ${n}`).join(', ')}` : undefined
      }
    >
      <dl className="ledger-grid">
        {cells.map(([label, value, tone, title]) => (
          <div
            key={label}
            className="ledger-cell"
            data-tone={tone || undefined}
            title={title}
            data-testid={`ledger-${label.replace(/ /g, '-')}`}
          >
            <dt>{label}</dt>
            <dd>{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      {ledger.fannedOut > 0 || lostBy.length > 0 ? (
        <div className="ledger-notes">
          {ledger.fannedOut > 0 ? (
            <span data-testid="ledger-fanout">
              fan-out: {formatCount(ledger.fannedOut)} published → {formatCount(ledger.deliveries)}{' '}
              deliveries
            </span>
          ) : null}
          {lostBy.length > 0 ? (
            <span className="ledger-lost-reasons">
              lost: {lostBy.map(([reason, n]) => `${reason} ${formatCount(n ?? 0)}`).join(' · ')}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

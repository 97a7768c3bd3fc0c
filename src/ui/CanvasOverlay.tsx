import type { Ref } from 'react';
import { DOT_COLOURS, DOT_LEGEND, useReducedMotion } from '../canvas';
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
  const reduced = useReducedMotion();
  const colours = dark ? DOT_COLOURS.dark : DOT_COLOURS.light;
  return (
    <div className="canvas-overlays" data-placement={placement} ref={ref}>
      <div className="overlay-card" role="group" aria-label="Legend">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {DOT_LEGEND.slice(0, 4).map((label, i) => (
            <span key={label} className="inline-flex items-center gap-1.5">
              <span className="legend-dot" style={{ background: colours[i] }} />
              {label}
            </span>
          ))}
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-muted">
          <EdgeKey dash="" label="sync call" />
          <EdgeKey dash="7 5" label="async send" />
          <EdgeKey dash="2 5" label="poll" />
          <span className="sample-note" data-testid="sample-note">
            {reduced
              ? 'Reduced motion: message counts per edge'
              : sampleN > 1
                ? `1 dot = ${formatCount(sampleN)} msgs`
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

/** Where every message is: created = completed + dead-lettered + dropped + in the system. */
function LedgerCard() {
  const ledger = useSim((s) => s.live.ledger);
  const dropped = Object.entries(ledger.dropped).filter(([, n]) => (n ?? 0) > 0);
  const droppedTotal = dropped.reduce((sum, [, n]) => sum + (n ?? 0), 0);
  const cells: [string, number, string][] = [
    ['created', ledger.created, ''],
    ['completed', ledger.completed, 'good'],
    ['in system', ledger.inSystem, ''],
    ['dead-lettered', ledger.deadLettered, ledger.deadLettered > 0 ? 'bad' : ''],
    ['dropped', droppedTotal, droppedTotal > 0 ? 'bad' : ''],
  ];
  return (
    <div
      className="overlay-card"
      role="group"
      aria-label="Message ledger"
      data-testid="ledger"
      title={
        dropped.length > 0
          ? `dropped: ${dropped.map(([r, n]) => `${r} ${n}`).join(', ')}`
          : undefined
      }
    >
      <dl className="ledger-grid">
        {cells.map(([label, value, tone]) => (
          <div key={label} className="ledger-cell" data-tone={tone || undefined}>
            <dt>{label}</dt>
            <dd>{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      {dropped.length > 0 ? (
        <div className="mt-0.5 text-right text-[10px] text-muted">
          {dropped.map(([reason, n]) => `${reason} ${formatCount(n ?? 0)}`).join(' · ')}
        </div>
      ) : null}
    </div>
  );
}

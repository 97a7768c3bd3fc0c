import type { ReactNode } from 'react';

/** A labelled bar: a value against a maximum (queue depth, concurrency, tokens, connections). */
export function Meter({
  label,
  value,
  max,
  text,
  colour,
  tone = 'normal',
  testId,
  title,
}: {
  testId?: string;
  title?: string;
  label: string;
  value: number;
  max: number;
  text: string;
  colour: string;
  tone?: 'normal' | 'warn' | 'bad';
}) {
  const fraction = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const fill = tone === 'bad' ? 'var(--bad)' : tone === 'warn' ? 'var(--warn)' : colour;
  return (
    <div className="meter" data-tone={tone} title={title}>
      <div className="meter-head">
        <span className="badge-label">{label}</span>
        <span className="badge-value" data-testid={testId}>
          {text}
        </span>
      </div>
      <div className="meter-track" role="presentation">
        <div className="meter-fill" style={{ width: `${fraction * 100}%`, background: fill }} />
      </div>
    </div>
  );
}

/** A small stat cell: the label above its value, so a growing number never moves its neighbours. */
export function Stat({
  label,
  value,
  alert = false,
  title,
  testId,
}: {
  label: string;
  value: string;
  alert?: boolean;
  title?: string;
  testId?: string;
}) {
  return (
    <span className="stat" data-alert={alert ? 'true' : undefined} title={title}>
      <span className="badge-label">{label}</span>
      <span className="badge-value" data-testid={testId}>
        {value}
      </span>
    </span>
  );
}

/**
 * A row of stat cells, each as wide as its label or value needs (never cut, never running into its
 * neighbour: "93.3k0"), spread over the card's width; cells that do not fit wrap to a second row.
 */
export function StatRow({ children, columns }: { children: ReactNode; columns: number }) {
  return (
    <div className="stat-row" data-columns={columns}>
      {children}
    </div>
  );
}
